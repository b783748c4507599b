"""kit.heap: what start-up made leaves the collector's passes, garbage does not get frozen."""
import gc
import weakref

import pytest

from weiquan.kit import heap, metrics

pytestmark = pytest.mark.unit


class Node:
    pass


@pytest.fixture
def thawed_after():
    """The test process's collector as it was: frozen objects go back to the oldest
    generation when the test ends."""
    assert gc.get_freeze_count() == 0
    yield
    gc.unfreeze()


def test_start_up_objects_are_frozen_and_counted(thawed_after):
    kept = [Node() for _ in range(30_000)]
    frozen = heap.settle("unit")
    assert frozen == gc.get_freeze_count() >= 30_000
    tracked = {id(o) for o in gc.get_objects()}
    assert not any(id(node) in tracked for node in kept[::1000])  # out of every generation
    assert metrics.HEAP_FROZEN.labels("unit")._value.get() == frozen


def test_garbage_is_collected_not_frozen(thawed_after):
    cycle = Node()
    cycle.itself = cycle
    gone = weakref.ref(cycle)
    del cycle
    heap.settle("unit")
    assert gone() is None

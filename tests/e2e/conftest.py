"""Fixtures shared by the end-to-end tests."""
import pytest

from tests.support.answers import ok
from tests.support.bodies import application


@pytest.fixture(scope="module")
def case_no(system):
    """An officer's own application: a case every upload test may attach evidence to."""
    return ok(system.call("POST", "/api/applications", "officer", json=application()),
              201)["case_no"]

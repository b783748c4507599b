"""intake's projection of work items on real PostgreSQL under concurrency: the open, updates
and close of one item handled at the same time by several workers (as competing consumers of
different queues do) end in the latest state, with one row, every announcement on the
timeline once, and a redelivery of each applied nowhere twice."""
import random
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from weiquan.config import TZ
from weiquan.contracts.events import build_event
from weiquan.kit.db import make_engine, make_session_factory

import intake.migrate
from intake.handlers import work
from intake.models import history, work_items
from intake.repository import CaseRepository
from intake.domain.rules import open_case
from tests.support.bodies import application

pytestmark = pytest.mark.integration
ACTOR = {"username": "system", "roles": ["political_work"]}


class Store:
    def __init__(self, url):
        self.engine = make_engine(url)
        self.session = make_session_factory(self.engine)


class Deps:
    def __init__(self, url):
        self.store = Store(url)


@pytest.fixture
def deps(pg):
    url = pg.create("work_items")
    intake.migrate.migrate(url)
    deps = Deps(url)
    yield deps
    deps.store.engine.dispose()  # the server's connections are shared by the whole suite


def a_case(deps, cal):
    from weiquan.contracts.base import load_or_error
    from weiquan.contracts.commands import SubmitApplicationV1
    now = datetime.now(TZ)
    cmd = load_or_error(SubmitApplicationV1, application())
    officer = {"username": "officer", "roles": ["officer"], "police_id": "360721001",
               "unit": "城关派出所", "name": "张伟"}
    with deps.store.session() as session, session.begin():
        repo = CaseRepository(session)
        case_no, seq = repo.next_case_no(now.year)
        repo.add(open_case(case_no, cmd, officer, now, now, cal), now.year, seq)
    return case_no


def event(case_no, event_type, at, state, summary):
    return build_event("welfare", event_type, case_no, ACTOR, {
        "item_id": f"green-{case_no}", "department": "political_work", "kind": "green_channel",
        "owner": "political_work", "due": None, "state": state, "summary": summary}, at)


@pytest.fixture
def cal():
    from weiquan.calendar.watch import CalendarReloader
    return CalendarReloader().current()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_concurrent_announcements_of_one_item_end_in_the_latest(deps, cal, seed):
    case_no = a_case(deps, cal)
    t0 = datetime.now(TZ)
    bodies = [event(case_no, "work_opened", t0, "open", "就医绿色通道已开启")] + [
        event(case_no, "work_updated", t0 + timedelta(seconds=i), "open", f"进展 {i}")
        for i in range(1, 6)] + [
        event(case_no, "work_closed", t0 + timedelta(seconds=9), "done", "就医绿色通道已关闭")]
    deliveries = bodies + bodies          # every event delivered twice
    random.Random(seed).shuffle(deliveries)
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda b: work.on_work_event(deps, "welfare", b), deliveries))
    with deps.store.session() as session:
        rows = session.execute(select(work_items)).all()
        entries = session.execute(select(func.count()).select_from(history).where(
            history.c.case_no == case_no, history.c.action.like("work_%"))).scalar_one()
    [row] = rows
    assert (row.state, row.summary) == ("done", "就医绿色通道已关闭")
    assert row.opened_at == t0 and row.last_event_at == t0 + timedelta(seconds=9)
    assert entries == len(bodies)


def test_a_case_read_in_one_statement_is_the_case_get_loads(deps, cal):
    """CaseRepository.read (get_case on PostgreSQL: one statement, no transaction) gives the
    case get gives: clocks, timeline and work items with their types; its autocommit ends
    with its session."""
    case_no = a_case(deps, cal)
    t0 = datetime.now(TZ)
    for body in (event(case_no, "work_opened", t0, "open", "就医绿色通道已开启"),
                 event(case_no, "work_updated", t0 + timedelta(seconds=1), "open", "进展")):
        work.on_work_event(deps, "welfare", body)
    with deps.store.session() as session:
        got = CaseRepository(session).get(case_no)
    with deps.store.session() as session:
        read = CaseRepository(session).read(case_no)
        assert session.connection().connection.dbapi_connection.autocommit is True
    assert got.clocks and len(got.history) >= 3 and got.work_items
    assert read == got and read.work_items == got.work_items
    assert read.clocks[0].start_at.tzinfo is not None and read.work_items[0].opened_at == t0
    with deps.store.session() as session:
        assert CaseRepository(session).read("GX-WQ-2026-999999") is None
    for _ in range(3):  # whichever pooled connection comes next is transactional again
        with deps.store.session() as session:
            session.execute(select(1))
            assert session.connection().connection.dbapi_connection.autocommit is False


def test_an_event_about_a_case_not_here_is_claimed_and_not_applied(deps, cal):
    """The inbox claim, the item's lock and the case's lookup are one statement on
    PostgreSQL: an unknown case's event is claimed (a redelivery is a duplicate, applied
    nowhere) and leaves no item; a known case's redelivery is a duplicate too."""
    from intake.models import inbox
    missing = event("GX-WQ-2026-999999", "work_opened", datetime.now(TZ), "open", "无此案")
    assert work.on_work_event(deps, "welfare", missing) is None
    assert work.on_work_event(deps, "welfare", missing) is None
    case_no = a_case(deps, cal)
    opened = event(case_no, "work_opened", datetime.now(TZ), "open", "就医绿色通道已开启")
    assert work.on_work_event(deps, "welfare", opened).state == "open"
    assert work.on_work_event(deps, "welfare", opened) is None  # applied once
    with deps.store.session() as session:
        items = session.execute(select(work_items.c.case_no)).scalars().all()
        claims = session.execute(select(inbox.c.event_id)).scalars().all()
    assert items == [case_no]
    assert sorted(claims) == sorted([missing["event_id"], opened["event_id"]])

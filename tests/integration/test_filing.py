"""intake's one-statement filing on real PostgreSQL (intake/filing.py): a submission numbers and
stores the case, its clocks, its timeline and its event in one statement, the same rows the
step-by-step filing (SQLite's) stores; the event's body names the new number; a repeated
request leaves nothing behind, its number included; the first case of a year makes its
counter; and the number in SQL is rules.case_number."""
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from sqlalchemy import Integer, Text, bindparam, func, select

from weiquan.calendar import default_calendar
from weiquan.config import TZ
from weiquan.errors import Conflict
from weiquan.kit.db import make_engine, make_session_factory
from weiquan.kit.uow import UnitOfWork

import intake.migrate
from intake import filing
from intake.domain.rules import case_number
from intake.handlers.cases import submit_application
from intake.handlers.common import Deps
from intake.models import case_counters, cases, clocks, history, outbox
from tests.support.bodies import application

pytestmark = pytest.mark.integration
OFFICER = {"username": "officer", "roles": ["officer"], "police_id": "360721001",
           "unit": "城关派出所", "name": "张伟"}
NOW = datetime.now(TZ)  # the bodies' incidents happened two hours before the real now
YEAR = NOW.year


class Store:
    def __init__(self, url):
        self.engine = make_engine(url)
        self.session_factory = make_session_factory(self.engine)
        self.kicks = 0

    def uow(self):
        return UnitOfWork(self.session_factory, outbox, on_commit=self.kick)

    def session(self):
        return self.session_factory()

    def kick(self):
        self.kicks += 1


class Clock:
    def now(self):
        return NOW


class Calendar:
    def current(self):
        return default_calendar()


@pytest.fixture
def deps(pg):
    url = pg.create("filing")
    intake.migrate.migrate(url)
    store = Store(url)
    yield Deps(store=store, clock=Clock(), calendar=Calendar(), settings=None)
    store.engine.dispose()  # the server's connections are shared by the whole suite


def rows(deps, table, *where):
    with deps.store.session() as session:
        return session.execute(select(table).where(*where)).mappings().all()


def test_a_submission_is_numbered_and_stored_with_its_clocks_timeline_and_event(deps):
    answer = submit_application(deps, application(), OFFICER, "officer:first")
    assert answer["case_no"] == case_number(YEAR, 1) and answer["status"] == "submitted"
    assert answer["decision_due"]["kind"] == "acceptance_decision"
    (case,) = rows(deps, cases)
    assert (case["case_no"], case["year"], case["seq"]) == (answer["case_no"], YEAR, 1)
    assert case["request_id"] == "officer:first" and case["filed_by"] == "officer"
    assert case["officer"]["name"] == application()["officer"]["name"]
    assert case["received_at"] == NOW and case["received_at"].tzinfo is not None
    (clock,) = rows(deps, clocks)
    assert clock["case_no"] == answer["case_no"] and clock["kind"] == "acceptance_decision"
    assert clock["due_at"].astimezone(TZ).isoformat() == answer["decision_due"]["due"]
    (entry,) = rows(deps, history)
    assert (entry["case_no"], entry["action"]) == (answer["case_no"], "application_submitted")
    assert entry["detail"]["channel"] == application()["channel"]
    (event,) = rows(deps, outbox)
    body = json.loads(event["body"])
    assert body["case_no"] == answer["case_no"] and body["event_id"] == event["event_id"]
    assert event["routing_key"] == "application_submitted" and event["published_at"] is None
    assert filing.stand_in(YEAR) not in event["body"]
    assert deps.store.kicks == 1  # the relay is woken after the commit


def test_a_repeated_request_answers_the_first_case_and_takes_no_number(deps):
    first = submit_application(deps, application(), OFFICER, "officer:again")
    again = submit_application(deps, application(), OFFICER, "officer:again")
    assert again["case_no"] == first["case_no"]
    other = submit_application(deps, application(), OFFICER, "officer:other")
    assert other["case_no"] == case_number(YEAR, 2)  # the repeat took no number
    assert len(rows(deps, cases)) == 2 and len(rows(deps, outbox)) == 2
    assert len(rows(deps, clocks)) == 2 and len(rows(deps, history)) == 2


def test_a_key_reused_by_someone_else_is_refused(deps):
    submit_application(deps, application(), OFFICER, "shared-key")
    with pytest.raises(Conflict):
        submit_application(deps, application(), {**OFFICER, "username": "officer2"},
                           "shared-key")


def test_concurrent_submissions_get_gap_free_numbers_and_one_event_each(deps):
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda i: submit_application(
            deps, application(), OFFICER, f"officer:{i}"), range(40)))
    assert sorted(a["case_no"] for a in answers) == [case_number(YEAR, n) for n in range(1, 41)]
    bodies = [json.loads(r["body"]) for r in rows(deps, outbox)]
    assert sorted(b["case_no"] for b in bodies) == sorted(a["case_no"] for a in answers)
    with deps.store.session() as session:
        assert session.execute(select(case_counters.c.last_seq)).scalar_one() == 40


@pytest.mark.parametrize("seq", [1, 42, 999_999, 1_000_000, 12_345_678])
def test_the_number_in_sql_is_rules_case_number(deps, seq):
    with deps.store.session() as session:
        number = filing._number(bindparam("prefix", type_=Text), bindparam("seq", type_=Integer))
        got = session.execute(select(number), {
            "prefix": filing.stand_in(YEAR)[:-filing.SEQ_DIGITS], "seq": seq}).scalar_one()
    assert got == case_number(YEAR, seq)


def test_the_counter_of_a_new_year_is_made_by_its_first_case(deps):
    with deps.store.session() as session:
        assert session.execute(select(func.count()).select_from(case_counters)).scalar() == 0
    assert submit_application(deps, application(), OFFICER, "k1")["case_no"].endswith("-000001")
    assert submit_application(deps, application(), OFFICER, "k2")["case_no"].endswith("-000002")

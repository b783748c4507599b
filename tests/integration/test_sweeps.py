"""The clock sweeps against the real PostgreSQL, driven by a fake clock (no sleeping):
reminders the working day before a deadline and only in working hours, one digest per person
per day, exactly one accountability record per missed deadline, no duplicates with two
replicas sweeping at once, and recomputation when a 2027 calendar is loaded."""
import threading
from datetime import datetime

import pytest
from sqlalchemy import event, func, select, update

import intake.migrate
from weiquan.calendar import WorkCalendar, default_calendar
from weiquan.calendar.watch import CalendarReloader
from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import SubmitApplicationV1
from weiquan.kit.db import make_engine, make_session_factory

from intake.domain import rules
from intake.models import accountability, clocks, history, notifications, outbox
from intake.repository import CaseRepository
from intake.sweeps import Sweeper
from intake.views import case_summary

from tests.support.bodies import application

pytestmark = pytest.mark.integration
OFFICER = {"username": "officer", "roles": ["officer"], "police_id": "360721001",
           "unit": "城关派出所", "name": "张伟"}


def at(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


@pytest.fixture
def db(pg):
    url = pg.create("sweep")
    intake.migrate.migrate(url)
    engine = make_engine(url)
    yield make_session_factory(engine)
    engine.dispose()


def file_case(factory, received, calendar=None, anti_gang=False):
    body = application()
    body["incident"]["occurred_at"] = received.replace(hour=8).isoformat()
    body["incident"]["anti_gang"] = anti_gang
    cmd = load_or_error(SubmitApplicationV1, body)
    with factory() as session, session.begin():
        repo = CaseRepository(session)
        case_no, seq = repo.next_case_no(received.year)
        case = rules.new_case(case_no, cmd, OFFICER, received, calendar or default_calendar())
        repo.add(case, received.year, seq)
    return case_no


def count(factory, table, *where):
    with factory() as session:
        return session.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def events(factory, event_type):
    return count(factory, outbox, outbox.c.routing_key == event_type)


def digests(factory):
    with factory() as session:
        return session.execute(select(notifications).where(
            notifications.c.kind == "reminder_digest").order_by(notifications.c.id)).mappings().all()


def test_reminder_on_the_working_day_before_due(db):
    cal = default_calendar()
    case_no = file_case(db, at(2026, 9, 30))            # due Sat 2026-10-10 (swapped working day)
    sweeper = Sweeper(db, outbox)
    assert sweeper.sweep(at(2026, 10, 8, 9), cal).digests == 0   # National Day: no reminders
    result = sweeper.sweep(at(2026, 10, 9, 9), cal)               # Fri, the working day before
    assert (result.digests, result.reminded) == (1, 1)
    [digest] = digests(db)
    assert digest["recipient"] == "committee_office" and digest["day"].isoformat() == "2026-10-09"
    assert [i["case_no"] for i in digest["items"]] == [case_no]
    assert digest["items"][0]["due"] == "2026-10-10T23:59:59+08:00"
    assert events(db, "reminder_digest") == 1


def test_reminder_sent_on_a_swapped_weekend_working_day(db):
    cal = default_calendar()
    file_case(db, at(2026, 10, 8))                       # due Mon 2026-10-12
    sweeper = Sweeper(db, outbox)
    assert sweeper.sweep(at(2026, 10, 9, 9), cal).digests == 0   # not yet: due is 2 days away
    assert sweeper.sweep(at(2026, 10, 10, 9), cal).digests == 1  # Sat 10-10 is a working day
    assert digests(db)[0]["day"].isoformat() == "2026-10-10"


@pytest.mark.parametrize("hh,mm,sent", [(8, 29, 0), (8, 30, 1), (17, 29, 1), (17, 30, 0),
                                        (0, 0, 0), (23, 0, 0)])
def test_reminders_only_in_working_hours(db, hh, mm, sent):
    file_case(db, at(2026, 9, 30))
    assert Sweeper(db, outbox).sweep(at(2026, 10, 9, hh, mm), default_calendar()).digests == sent


def test_one_digest_per_person_per_day(db):
    cal = default_calendar()
    first = file_case(db, at(2026, 9, 30, 9))
    second = file_case(db, at(2026, 9, 30, 15), anti_gang=True)
    sweeper = Sweeper(db, outbox)
    assert sweeper.sweep(at(2026, 10, 9, 9), cal).digests == 1
    assert sweeper.sweep(at(2026, 10, 9, 11), cal).digests == 0   # nothing new: no second digest
    [digest] = digests(db)
    assert [i["case_no"] for i in digest["items"]] == [second, first]  # anti-gang first (Art. 34)
    # a clock that becomes due tomorrow later in the day joins the same digest, silently
    late = file_case(db, at(2026, 9, 30, 16))
    assert sweeper.sweep(at(2026, 10, 9, 14), cal).digests == 0
    [digest] = digests(db)
    assert [i["case_no"] for i in digest["items"]][-1] == late
    assert events(db, "reminder_digest") == 1


def test_missed_deadline_gives_exactly_one_accountability_record(db):
    cal = default_calendar()
    case_no = file_case(db, at(2026, 9, 30))             # due 2026-10-10 23:59:59
    sweeper = Sweeper(db, outbox)
    assert sweeper.sweep(at(2026, 10, 10, 23, 59).replace(second=59, microsecond=500000),
                         cal).missed == 0                # the last second still counts as on time
    assert sweeper.sweep(at(2026, 10, 11, 0, 5), cal).missed == 1
    assert sweeper.sweep(at(2026, 10, 12, 9), cal).missed == 0
    with db() as session:
        [record] = session.execute(select(accountability)).mappings().all()
        actions = session.execute(select(history.c.action).where(
            history.c.case_no == case_no)).scalars().all()
        director = session.execute(select(notifications).where(
            notifications.c.recipient == "committee_director")).mappings().all()
    assert (record["case_no"], record["clock_kind"], record["holder"]) == \
        (case_no, "acceptance_decision", "committee_office")
    assert record["due_at"] == at(2026, 10, 10, 23, 59).replace(second=59)
    assert actions.count("deadline_missed") == 1
    assert len(director) == 1 and director[0]["items"][0]["case_no"] == case_no
    assert events(db, "deadline_missed") == 1


def test_anti_gang_internal_target_is_missed_after_one_working_day(db):
    cal = default_calendar()
    file_case(db, at(2026, 11, 25), anti_gang=True)     # target end of Thu 2026-11-26
    result = Sweeper(db, outbox).sweep(at(2026, 11, 27, 9), cal)
    assert result.missed == 1
    with db() as session:
        record = session.execute(select(accountability)).mappings().one()
    assert record["clock_kind"] == "anti_gang_decision" and record["statutory"] is False


def test_two_replicas_sweeping_at_once_never_duplicate(db):
    cal = default_calendar()
    for i in range(60):
        file_case(db, at(2026, 9, 30, 9))                # due 10-10: reminder on 10-09
    for i in range(60):
        file_case(db, at(2026, 9, 28, 9))                # due 10-09 23:59:59: missed on 10-10
    holders = ["zhang", "li", "wang"]
    with db() as session, session.begin():
        ids = session.execute(select(clocks.c.id).order_by(clocks.c.id)).scalars().all()
        for n, clock_id in enumerate(ids):
            session.execute(update(clocks).where(clocks.c.id == clock_id)
                            .values(holder=holders[n % 3]))
    barrier = threading.Barrier(2)
    errors = []

    def replica(now):
        try:
            barrier.wait()
            Sweeper(db, outbox).sweep(now, cal)
        except Exception as exc:  # surfaced below
            errors.append(exc)

    for now in (at(2026, 10, 9, 9), at(2026, 10, 10, 9)):
        threads = [threading.Thread(target=replica, args=(now,)) for _ in range(2)]
        [t.start() for t in threads]
        [t.join(60) for t in threads]
    assert errors == []
    assert count(db, accountability) == 60 == events(db, "deadline_missed")
    days = [(d["recipient"], d["day"].isoformat()) for d in digests(db)]
    assert sorted(days) == sorted({(h, "2026-10-09") for h in holders})
    assert sum(len(d["items"]) for d in digests(db) if d["day"].isoformat() == "2026-10-09") == 60
    assert events(db, "reminder_digest") == 3


def test_loading_a_2027_calendar_recomputes_a_provisional_deadline(db, tmp_path):
    case_no = file_case(db, at(2026, 12, 30))            # 3 working days into 2027: provisional
    with db() as session:
        clock = session.execute(select(clocks).where(clocks.c.case_no == case_no)).mappings().one()
    assert clock["provisional"] is True
    assert clock["due_at"] == at(2027, 1, 5, 23, 59).replace(second=59)
    calendar_file = tmp_path / "calendar.yaml"
    calendar_file.write_text("years: {}\n")
    reloader = CalendarReloader(calendar_file)   # the file a service's Calendar would watch
    calendar_file.write_text("years:\n  2027:\n    source: \"测试用2027年安排 (test)\"\n"
                             "    days_off: [2027-01-01, 2027-01-04]\n    working_days: []\n")
    calendar, reason = reloader.reload_if_changed(force=True)
    assert calendar.is_official(2027) and "2027" in reason
    assert Sweeper(db, outbox).recompute_provisional(at(2026, 12, 31), calendar, reason) == 1
    assert Sweeper(db, outbox).recompute_provisional(at(2026, 12, 31), calendar, reason) == 0
    with db() as session:
        clock = session.execute(select(clocks).where(clocks.c.case_no == case_no)).mappings().one()
        entry = session.execute(select(history).where(
            history.c.case_no == case_no, history.c.action == "deadline_recomputed")).mappings().one()
        moved = session.execute(select(notifications).where(
            notifications.c.kind == "deadline_moved")).mappings().one()
    assert clock["provisional"] is False
    assert clock["due_at"] == at(2027, 1, 6, 23, 59).replace(second=59)   # 01-04 is now a day off
    assert entry["detail"]["old_due"] == "2027-01-05T23:59:59+08:00"
    assert entry["detail"]["new_due"] == "2027-01-06T23:59:59+08:00"
    assert "2027" in entry["detail"]["reason"] and "test" in entry["detail"]["reason"]
    assert moved["recipient"] == "committee_office"
    assert events(db, "deadline_recomputed") == 1
    assert WorkCalendar.load().is_official(2027) is False   # the repo's file is untouched


def test_a_list_page_loads_its_cases_in_two_statements(db):
    """get_many (list_cases): the cases in the order asked, each with its own clocks, in two
    statements however many cases; unknown numbers are left out."""
    numbers = [file_case(db, at(2026, 11, 2 + i)) for i in range(3)]
    with db() as session:
        repo = CaseRepository(session)
        one_by_one = {n: repo.get(n) for n in numbers}
        statements = []

        def seen(conn, cursor, statement, *rest):
            statements.append(statement)
        event.listen(session.bind, "before_cursor_execute", seen)
        try:
            listed = repo.get_many([numbers[2], "GX-WQ-2026-999999", numbers[0], numbers[1]])
        finally:
            event.remove(session.bind, "before_cursor_execute", seen)
    assert len(statements) == 2
    assert [c.case_no for c in listed] == [numbers[2], numbers[0], numbers[1]]
    for case in listed:
        alone = one_by_one[case.case_no]
        assert [(c.kind, c.due_at) for c in case.clocks] == \
            [(c.kind, c.due_at) for c in alone.clocks]
        assert case.received_at == alone.received_at
        assert not hasattr(case, "applicant") and not hasattr(case, "history")
        # a list shows of the light case exactly what it would show of the whole one
        now = at(2026, 11, 20)
        assert case_summary(case, now, default_calendar()) == \
            case_summary(alone, now, default_calendar())


def test_a_list_page_of_every_case_is_one_statement_with_its_clocks(db):
    """page (list_cases) on PostgreSQL: every case, or one status, in one statement carrying
    the clocks and the tally's total, outside a transaction; a filtered page counts in its
    own statement; each shows what get_many and get show."""
    numbers = [file_case(db, at(2026, 11, 2 + i)) for i in range(4)]
    now = at(2026, 11, 20)
    for filters, statements_expected in (({}, 1), ({"status": "submitted"}, 1),
                                         ({"category": "violent_attack"}, 2)):
        with db() as session:
            statements = []

            def seen(conn, cursor, statement, *rest):
                statements.append(statement)
            event.listen(session.bind, "before_cursor_execute", seen)
            try:
                total, listed = CaseRepository(session).page(None, now=now, limit=3,
                                                             **filters)
            finally:
                event.remove(session.bind, "before_cursor_execute", seen)
            autocommit = session.connection().connection.dbapi_connection.autocommit
        assert len(statements) == statements_expected, (filters, statements)
        assert autocommit is (statements_expected == 1)
        with db() as session:
            repo = CaseRepository(session)
            expected = repo.get_many(list(reversed(numbers))[:3])
            whole = [repo.get(c.case_no) for c in expected]
        assert total == 4  # every case filed here is submitted, of this category
        assert listed == expected
        assert [case_summary(c, now, default_calendar()) for c in listed] == \
            [case_summary(c, now, default_calendar()) for c in whole]

"""Pure domain of the committee office (intake.domain): who may file what, the Art. 14
acceptance clock, decisions, the Art. 15 appeal window, clock states and who sees a case.

Time is always passed in; the calendar is the real one (package data + repo file), so the
dates below are the SPEC.md "Time rules" examples on the 2026 official schedule."""
from datetime import datetime, timedelta, timezone

import pytest

from weiquan.calendar import WorkCalendar
from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import AppealV1, DecisionV1, SubmitApplicationV1
from weiquan.kit.errors import AppError

from intake.domain import rules
from intake.domain.model import (ACCEPTANCE_DECISION, APPEAL_WINDOW, WRITTEN_REPLY, Case, Clock)

pytestmark = pytest.mark.unit

CASE_NO = "GX-WQ-2026-000123"


def at(text):
    """An aware Asia/Shanghai moment from 'YYYY-MM-DDTHH:MM[:SS]'."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def end_of(day):
    return datetime.fromisoformat(f"{day}T23:59:59").replace(tzinfo=TZ)


@pytest.fixture(scope="module")
def cal():
    return WorkCalendar.load()


# ---- principals --------------------------------------------------------------------------

OFFICER = {"username": "zhangwei", "roles": ["officer"], "police_id": "360721001",
           "unit": "城关派出所", "name": "张伟"}
OTHER_OFFICER = {"username": "liqiang", "roles": ["officer"], "police_id": "360721999",
                 "unit": "梅林派出所", "name": "李强"}
RELATIVE = {"username": "lina", "roles": ["relative"], "police_id": None, "unit": None,
            "name": "李娜"}
LIAISON = {"username": "wangqiang", "roles": ["unit_liaison"], "police_id": None,
           "unit": "城关派出所", "name": "王强"}
OTHER_LIAISON = {"username": "zhaomin", "roles": ["unit_liaison"], "police_id": None,
                 "unit": "梅林派出所", "name": "赵敏"}
OFFICE = {"username": "office1", "roles": ["committee_office"], "police_id": "360700010",
          "unit": "警务督察大队", "name": "陈静"}
DIRECTOR = {"username": "director", "roles": ["committee_director"], "police_id": "360700001",
            "unit": "警务督察大队", "name": "刘督察"}
MEMBER = {"username": "member", "roles": ["committee_member"], "police_id": "360700002",
          "unit": "法制大队", "name": "周委员"}
CYBER = {"username": "cyber", "roles": ["cyber_brigade"], "police_id": "360700300",
         "unit": "网安大队", "name": "孙网安"}


# ---- commands ----------------------------------------------------------------------------

def application(applicant_type="officer", channel="app", occurred_at="2026-09-29T09:00:00+08:00",
                received_at=None, police_id="360721001", **incident_flags):
    applicant = {"type": applicant_type, "name": "张伟"}
    if applicant_type == "relative":
        applicant.update(name="李娜", relation="spouse")
    if applicant_type == "unit":
        applicant.update(name="王强", unit_name="城关派出所")
    body = {
        "applicant": applicant,
        "officer": {"police_id": police_id, "name": "张伟", "unit": "城关派出所",
                    "personnel_type": "regular"},
        "channel": channel,
        "category": "violent_attack",
        "incident": {"occurred_at": occurred_at, "place": "赣县区城关镇文化路",
                     "description": "执勤时被当事人殴打", **incident_flags},
    }
    if received_at is not None:
        body["received_at"] = received_at
    return load_or_error(SubmitApplicationV1(), body)


def decision(accept, reason=None, decided_at=None):
    body = {"accept": accept}
    if reason is not None:
        body["reason"] = reason
    if decided_at is not None:
        body["decided_at"] = decided_at
    return load_or_error(DecisionV1(), body)


def appeal_cmd(answer_received_at, reason="不服不予受理决定，申请上级复议"):
    return load_or_error(AppealV1(), {"reason": reason, "answer_received_at": answer_received_at})


def submitted(cal, now=at("2026-09-02T09:00"), principal=OFFICER, **kw):
    kw.setdefault("occurred_at", "2026-09-01T20:00:00+08:00")
    return rules.new_case(CASE_NO, application(**kw), principal, now, cal)


def rejected(cal, decided="2026-09-30T11:00"):
    case = submitted(cal, now=at("2026-09-29T09:00"))
    return rules.decide(case, decision(False, "不属于维权范围"), OFFICE, at(decided), cal)


def raises(fn, *args):
    with pytest.raises(AppError) as info:
        fn(*args)
    return info.value


# ---- case number -------------------------------------------------------------------------

@pytest.mark.parametrize("year, seq, expected", [
    (2026, 123, "GX-WQ-2026-000123"),
    (2026, 1, "GX-WQ-2026-000001"),
    (2027, 999999, "GX-WQ-2027-999999"),
])
def test_case_number_format(year, seq, expected):
    assert rules.case_number(year, seq) == expected


# ---- acceptance deadline (Art. 14) -------------------------------------------------------

@pytest.mark.parametrize("now, due", [
    # SPEC examples: Wed 2026-09-30 -> Sat 2026-10-10 (swapped working day after National Day)
    ("2026-09-30T10:00", "2026-10-10"),
    # Fri 2026-09-18 -> Tue 2026-09-22 (Sun 2026-09-20 is a swapped working day)
    ("2026-09-18T15:00", "2026-09-22"),
    # late evening still counts as the day of receipt, not the next one
    ("2026-09-30T23:59", "2026-10-10"),
])
def test_acceptance_deadline_is_three_working_days_after_receipt(cal, now, due):
    case = rules.new_case(CASE_NO, application(occurred_at="2026-09-17T08:00:00+08:00"),
                          OFFICER, at(now), cal)
    clock = case.clock(ACCEPTANCE_DECISION)
    assert clock.due_at == end_of(due)
    assert clock.due_at.isoformat() == f"{due}T23:59:59+08:00"
    assert clock.provisional is False
    assert clock.start_at == at(now)
    assert clock.satisfied_at is None


def test_receipt_in_utc_is_counted_on_the_shanghai_day(cal):
    # 2026-09-29T16:30Z is 2026-09-30 00:30 in Shanghai -> the 09-30 example applies
    now = datetime(2026, 9, 29, 16, 30, tzinfo=timezone.utc)
    case = rules.new_case(CASE_NO, application(occurred_at="2026-09-29T09:00:00+08:00"),
                          OFFICER, now, cal)
    assert case.clock(ACCEPTANCE_DECISION).due_at == end_of("2026-10-10")


def test_deadline_reaching_a_year_without_official_schedule_is_provisional(cal):
    assert not cal.is_official(2027)  # if this fails, pick a later year for this test
    case = rules.new_case(CASE_NO, application(occurred_at="2026-12-28T09:00:00+08:00"),
                          OFFICER, at("2026-12-29T10:00"), cal)
    clock = case.clock(ACCEPTANCE_DECISION)
    assert clock.provisional is True
    assert clock.due_at == end_of("2027-01-04")


def test_new_case_fields_and_timeline(cal):
    now = at("2026-09-30T10:00")
    case = rules.new_case(CASE_NO, application(ongoing=True, injury=True), OFFICER, now, cal)
    assert case.case_no == CASE_NO
    assert case.status == "submitted"
    assert case.category == "violent_attack"
    assert case.channel == "app"
    assert case.filed_by == "zhangwei"
    assert case.received_at == now
    assert case.submitted_at == now
    assert case.decision is None and case.appeal is None
    assert [c.kind for c in case.clocks] == [ACCEPTANCE_DECISION]
    assert case.flags == {"ongoing": True, "off_duty": False, "anti_gang": False, "injury": True}
    assert len(case.history) == 1
    entry = case.history[0]
    assert (entry.at, entry.action, entry.actor) == (now, "application_submitted", "zhangwei")
    assert entry.detail == {"channel": "app", "category": "violent_attack"}


# ---- who may file what (Art. 12) ---------------------------------------------------------

@pytest.mark.parametrize("principal, applicant_type", [
    (OFFICER, "officer"), (RELATIVE, "relative"), (LIAISON, "unit")])
def test_each_applicant_role_files_as_its_own_type(cal, principal, applicant_type):
    now = at("2026-09-30T10:00")
    cmd = application(applicant_type=applicant_type)
    assert rules.check_submission(cmd, principal, now) == now
    case = rules.new_case(CASE_NO, cmd, principal, now, cal)
    assert case.applicant["type"] == applicant_type
    assert case.filed_by == principal["username"]


@pytest.mark.parametrize("principal, wrong_type, own_type", [
    (OFFICER, "relative", "officer"), (OFFICER, "unit", "officer"),
    (RELATIVE, "officer", "relative"), (RELATIVE, "unit", "relative"),
    (LIAISON, "officer", "unit"), (LIAISON, "relative", "unit")])
def test_applicant_role_cannot_file_as_another_type(principal, wrong_type, own_type):
    err = raises(rules.check_submission, application(applicant_type=wrong_type), principal,
                 at("2026-09-30T10:00"))
    assert err.status == 422
    assert err.code == "validation_failed"
    assert list(err.fields) == ["applicant.type"]
    assert f"'{own_type}'" in err.fields["applicant.type"]


def test_officer_must_apply_with_own_police_id():
    err = raises(rules.check_submission, application(police_id="360721999"), OFFICER,
                 at("2026-09-30T10:00"))
    assert err.status == 422
    assert list(err.fields) == ["officer.police_id"]


def test_relative_may_name_any_officer():
    now = at("2026-09-30T10:00")
    cmd = application(applicant_type="relative", police_id="360721999")
    assert rules.check_submission(cmd, RELATIVE, now) == now


def test_officer_account_without_police_id_cannot_file_for_someone():
    nobody = {**OFFICER, "police_id": None}
    with pytest.raises(AppError):
        rules.check_submission(application(police_id="360721999"), nobody,
                               at("2026-09-30T10:00"))


@pytest.mark.parametrize("roles", [["cyber_brigade"], ["committee_director"],
                                   ["committee_member"], ["command_center"], ["ops"], []])
def test_other_roles_cannot_submit(roles):
    principal = {**CYBER, "roles": roles}
    err = raises(rules.check_submission, application(), principal, at("2026-09-30T10:00"))
    assert err.status == 403
    assert err.code == "forbidden"


@pytest.mark.parametrize("principal, applicant_type", [
    (OFFICER, "officer"), (RELATIVE, "relative"), (LIAISON, "unit")])
def test_applicants_cannot_use_the_written_channel(principal, applicant_type):
    err = raises(rules.check_submission, application(applicant_type, channel="written"),
                 principal, at("2026-09-30T10:00"))
    assert err.status == 422
    assert list(err.fields) == ["channel"]


@pytest.mark.parametrize("principal, applicant_type", [
    (OFFICER, "officer"), (RELATIVE, "relative"), (LIAISON, "unit")])
def test_applicants_cannot_set_received_at(principal, applicant_type):
    cmd = application(applicant_type, received_at="2026-09-29T10:00:00+08:00")
    err = raises(rules.check_submission, cmd, principal, at("2026-09-30T10:00"))
    assert err.status == 422
    assert list(err.fields) == ["received_at"]


@pytest.mark.parametrize("channel", ["app", "intranet", "internet"])
def test_committee_office_keys_in_written_applications_only(channel):
    err = raises(rules.check_submission, application(channel=channel), OFFICE,
                 at("2026-09-30T10:00"))
    assert err.status == 422
    assert err.code == "channel_not_allowed"
    assert err.fields == {"channel": "written"}


def test_committee_office_written_without_received_at_is_received_now(cal):
    now = at("2026-09-18T15:00")
    case = rules.new_case(CASE_NO, application(channel="written",
                                               occurred_at="2026-09-17T08:00:00+08:00"),
                          OFFICE, now, cal)
    assert case.received_at == now
    assert case.filed_by == "office1"
    assert case.clock(ACCEPTANCE_DECISION).due_at == end_of("2026-09-22")
    assert case.history[0].detail == {"channel": "written", "category": "violent_attack"}


def test_committee_office_past_received_at_drives_the_deadline(cal):
    now = at("2026-10-12T09:00")
    cmd = application(channel="written", received_at="2026-09-30T16:00:00+08:00",
                      occurred_at="2026-09-29T09:00:00+08:00")
    case = rules.new_case(CASE_NO, cmd, OFFICE, now, cal)
    assert case.received_at == at("2026-09-30T16:00")
    assert case.submitted_at == now
    clock = case.clock(ACCEPTANCE_DECISION)
    assert clock.start_at == at("2026-09-30T16:00")
    assert clock.due_at == end_of("2026-10-10")
    # keyed in after the deadline: already overdue
    assert clock.state(now) == "overdue"
    assert case.history[0].detail["keyed_in_received_at"] == "2026-09-30T16:00:00+08:00"


def test_committee_office_received_at_in_the_future_is_refused():
    cmd = application(channel="written", received_at="2026-09-30T11:00:00+08:00")
    err = raises(rules.check_submission, cmd, OFFICE, at("2026-09-30T10:00"))
    assert err.status == 422
    assert list(err.fields) == ["received_at"]
    assert "future" in err.fields["received_at"]


def test_received_at_within_clock_skew_is_clamped_to_now():
    now = at("2026-09-30T10:00")
    cmd = application(channel="written", received_at="2026-09-30T10:01:00+08:00")
    assert rules.check_submission(cmd, OFFICE, now) == now


def test_committee_office_received_at_before_incident_is_refused():
    cmd = application(channel="written", received_at="2026-09-29T08:59:00+08:00",
                      occurred_at="2026-09-29T09:00:00+08:00")
    err = raises(rules.check_submission, cmd, OFFICE, at("2026-09-30T10:00"))
    assert err.status == 422
    assert list(err.fields) == ["received_at"]
    assert "before the incident" in err.fields["received_at"]


@pytest.mark.parametrize("principal, applicant_type, channel", [
    (OFFICER, "officer", "app"), (OFFICE, "officer", "written")])
def test_incident_in_the_future_is_refused(principal, applicant_type, channel):
    cmd = application(applicant_type, channel=channel, occurred_at="2026-09-30T10:05:00+08:00")
    err = raises(rules.check_submission, cmd, principal, at("2026-09-30T10:00"))
    assert err.status == 422
    assert list(err.fields) == ["incident.occurred_at"]


# ---- decision (Art. 14, 16) --------------------------------------------------------------

def test_accept_starts_the_thirty_day_reply_clock_past_holidays(cal):
    case = submitted(cal)
    now = at("2026-09-02T15:00")
    rules.decide(case, decision(True), OFFICE, now, cal)
    assert case.status == "accepted"
    assert case.decision == {"accept": True, "reason": None, "decided_at": now,
                             "decided_by": "office1", "recorded_at": now}
    acceptance = case.clock(ACCEPTANCE_DECISION)
    assert acceptance.satisfied_at == now
    assert acceptance.state(now) == "met"
    reply = case.clock(WRITTEN_REPLY)
    # day 30 is Fri 2026-10-02 in the National Day break -> Thu 2026-10-08
    assert reply.due_at.isoformat() == "2026-10-08T23:59:59+08:00"
    assert reply.start_at == now
    assert reply.provisional is False
    assert case.clock(APPEAL_WINDOW) is None
    assert [h.action for h in case.history] == ["application_submitted", "case_accepted"]
    assert case.history[-1].detail == {"accept": True,
                                       "decided_at": "2026-09-02T15:00:00+08:00"}


@pytest.mark.parametrize("accepted, due", [
    ("2026-09-02T15:00", "2026-10-08"),   # day 30 = Fri 10-02, National Day break
    ("2026-10-12T10:00", "2026-11-11"),   # day 30 = Wed 11-11, a working day
    ("2026-10-24T10:00", "2026-11-23"),   # accepted on a Saturday; day 30 = Mon 11-23
    ("2026-10-23T10:00", "2026-11-23"),   # day 30 = Sun 11-22 -> Mon 11-23
])
def test_reply_clock_is_thirty_calendar_days(cal, accepted, due):
    case = submitted(cal, now=at("2026-09-02T09:00"))
    rules.decide(case, decision(True), OFFICE, at(accepted), cal)
    assert case.clock(WRITTEN_REPLY).due_at == end_of(due)


def test_refuse_opens_the_appeal_window(cal):
    case = submitted(cal, now=at("2026-09-29T09:00"))
    now = at("2026-09-30T11:00")
    rules.decide(case, decision(False, "  不属于维权范围  "), OFFICE, now, cal)
    assert case.status == "rejected"
    assert case.decision["reason"] == "不属于维权范围"
    assert case.clock(WRITTEN_REPLY) is None
    window = case.clock(APPEAL_WINDOW)
    assert window.start_at == now
    assert window.due_at == end_of("2026-10-20")  # 10 working days after 09-30
    assert window.state(now) == "running"
    assert case.history[-1].action == "case_rejected"
    assert case.history[-1].detail == {"accept": False,
                                       "decided_at": "2026-09-30T11:00:00+08:00",
                                       "reason": "不属于维权范围"}


def test_paper_decision_date_drives_the_clocks(cal):
    case = submitted(cal, now=at("2026-09-02T09:00"))
    now = at("2026-09-10T10:00")
    rules.decide(case, decision(True, decided_at="2026-09-02T16:00:00+08:00"), OFFICE, now, cal)
    assert case.decision["decided_at"] == at("2026-09-02T16:00")
    assert case.decision["recorded_at"] == now
    assert case.clock(ACCEPTANCE_DECISION).satisfied_at == at("2026-09-02T16:00")
    assert case.clock(WRITTEN_REPLY).due_at == end_of("2026-10-08")
    assert case.history[-1].detail["paper_decision"] is True


def test_late_decision_is_missed(cal):
    case = submitted(cal, now=at("2026-09-18T15:00"))  # due 2026-09-22
    now = at("2026-09-23T09:00")
    rules.decide(case, decision(True), OFFICE, now, cal)
    assert case.clock(ACCEPTANCE_DECISION).state(now) == "missed"


@pytest.mark.parametrize("principal", [DIRECTOR, MEMBER, OFFICER, CYBER])
def test_only_the_committee_office_decides(cal, principal):
    case = submitted(cal)
    err = raises(rules.decide, case, decision(True), principal, at("2026-09-02T15:00"), cal)
    assert err.status == 403
    assert case.status == "submitted"


def test_deciding_twice_is_a_conflict(cal):
    case = submitted(cal)
    rules.decide(case, decision(True), OFFICE, at("2026-09-02T15:00"), cal)
    err = raises(rules.decide, case, decision(False, "重复"), OFFICE, at("2026-09-02T16:00"), cal)
    assert err.status == 409
    assert err.code == "already_decided"
    assert err.to_dict()["error"]["status_now"] == "accepted"
    assert case.status == "accepted"


def test_decided_at_in_the_future_is_refused(cal):
    case = submitted(cal)
    err = raises(rules.decide, case, decision(True, decided_at="2026-09-02T16:00:00+08:00"),
                 OFFICE, at("2026-09-02T15:00"), cal)
    assert err.status == 422
    assert list(err.fields) == ["decided_at"]
    assert case.status == "submitted"


def test_decided_at_before_receipt_is_refused(cal):
    case = submitted(cal, now=at("2026-09-02T09:00"))
    err = raises(rules.decide, case, decision(True, decided_at="2026-09-02T08:59:00+08:00"),
                 OFFICE, at("2026-09-02T15:00"), cal)
    assert err.status == 422
    assert list(err.fields) == ["decided_at"]
    assert case.decision is None


# ---- appeal (Art. 15) --------------------------------------------------------------------

def test_appeal_within_the_window(cal):
    case = rejected(cal)
    now = at("2026-10-22T23:00")
    rules.appeal(case, appeal_cmd("2026-10-09"), OFFICER, now, cal)
    assert case.status == "appealed"
    window = case.clock(APPEAL_WINDOW)
    assert window.start_at == at("2026-10-09T00:00")
    assert window.due_at == end_of("2026-10-22")
    assert window.satisfied_at == now
    assert window.state(now) == "met"
    assert case.appeal["window_closes"] == end_of("2026-10-22")
    assert case.appeal["by"] == "zhangwei"
    assert case.appeal["answer_received_at"] == at("2026-10-09T00:00")
    assert case.history[-1].action == "case_appealed"
    assert case.history[-1].detail == {"answer_received_at": "2026-10-09T00:00:00+08:00",
                                       "window_closes": "2026-10-22T23:59:59+08:00"}


def test_appeal_with_a_datetime_answer_received_at(cal):
    case = rejected(cal)
    rules.appeal(case, appeal_cmd("2026-10-09T10:30:00+08:00"), OFFICER,
                 at("2026-10-12T09:00"), cal)
    assert case.status == "appealed"
    assert case.clock(APPEAL_WINDOW).due_at == end_of("2026-10-22")


def test_committee_office_may_appeal_for_the_applicant(cal):
    case = rejected(cal)
    rules.appeal(case, appeal_cmd("2026-09-30"), OFFICE, at("2026-10-12T09:00"), cal)
    assert case.status == "appealed"
    assert case.appeal["by"] == "office1"


@pytest.mark.parametrize("principal", [OTHER_OFFICER, RELATIVE, LIAISON, DIRECTOR, CYBER])
def test_only_filer_or_committee_office_may_appeal(cal, principal):
    case = rejected(cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-09-30"), principal,
                 at("2026-10-12T09:00"), cal)
    assert err.status == 403
    assert case.status == "rejected"


@pytest.mark.parametrize("accept", [None, True])
def test_appeal_only_when_rejected(cal, accept):
    case = submitted(cal)
    if accept:
        rules.decide(case, decision(True), OFFICE, at("2026-09-02T15:00"), cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-09-03"), OFFICER,
                 at("2026-09-04T09:00"), cal)
    assert err.status == 409
    assert err.code == "not_rejected"
    assert err.to_dict()["error"]["status_now"] == ("accepted" if accept else "submitted")


def test_appealing_twice_is_a_conflict(cal):
    case = rejected(cal)
    rules.appeal(case, appeal_cmd("2026-10-09"), OFFICER, at("2026-10-12T09:00"), cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-10-09"), OFFICER,
                 at("2026-10-12T10:00"), cal)
    assert err.status == 409
    assert err.code == "not_rejected"


def test_appeal_after_the_window_names_the_closing_date(cal):
    case = rejected(cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-10-09"), OFFICER,
                 at("2026-10-23T00:00:01"), cal)
    assert err.status == 409
    assert err.code == "appeal_window_closed"
    body = err.to_dict()
    assert body["status"] == 409
    assert body["error"]["code"] == "appeal_window_closed"
    assert body["error"]["window_closed_on"] == "2026-10-22"
    assert body["error"]["window_closed_at"] == "2026-10-22T23:59:59+08:00"
    assert "2026-10-22" in body["error"]["message"]
    assert case.status == "rejected"
    assert case.appeal is None


def test_appeal_window_defaults_to_the_decision_day(cal):
    case = rejected(cal)  # refused 2026-09-30 -> window to 2026-10-20 until told otherwise
    err = raises(rules.appeal, case, appeal_cmd("2026-09-30"), OFFICER,
                 at("2026-10-21T08:00"), cal)
    assert err.code == "appeal_window_closed"
    assert err.to_dict()["error"]["window_closed_on"] == "2026-10-20"


def test_answer_received_before_the_decision_is_refused(cal):
    case = rejected(cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-09-29"), OFFICER,
                 at("2026-10-12T09:00"), cal)
    assert err.status == 422
    assert list(err.fields) == ["answer_received_at"]
    assert case.status == "rejected"


def test_answer_received_in_the_future_is_refused(cal):
    case = rejected(cal)
    err = raises(rules.appeal, case, appeal_cmd("2026-10-13"), OFFICER,
                 at("2026-10-12T09:00"), cal)
    assert err.status == 422
    assert list(err.fields) == ["answer_received_at"]


# ---- clock states ------------------------------------------------------------------------

DUE = end_of("2026-10-10")


def clock(kind, satisfied_at=None):
    return Clock(kind=kind, start_at=at("2026-09-30T10:00"), due_at=DUE, provisional=False,
                 satisfied_at=satisfied_at)


@pytest.mark.parametrize("kind, satisfied, now, state", [
    (ACCEPTANCE_DECISION, None, DUE - timedelta(days=1), "running"),
    (ACCEPTANCE_DECISION, None, DUE, "running"),
    (ACCEPTANCE_DECISION, None, DUE + timedelta(seconds=1), "overdue"),
    (ACCEPTANCE_DECISION, DUE, DUE + timedelta(days=5), "met"),
    (ACCEPTANCE_DECISION, DUE + timedelta(seconds=1), DUE + timedelta(days=5), "missed"),
    (WRITTEN_REPLY, None, DUE + timedelta(seconds=1), "overdue"),
    (WRITTEN_REPLY, DUE + timedelta(days=1), DUE + timedelta(days=5), "missed"),
    (APPEAL_WINDOW, None, DUE, "running"),
    (APPEAL_WINDOW, None, DUE + timedelta(seconds=1), "lapsed"),
    (APPEAL_WINDOW, DUE - timedelta(hours=1), DUE + timedelta(days=5), "met"),
])
def test_clock_state(kind, satisfied, now, state):
    assert clock(kind, satisfied).state(now) == state


# ---- who sees a case ---------------------------------------------------------------------

@pytest.fixture
def officer_case(cal):
    return submitted(cal)  # filed by OFFICER for police_id 360721001 of 城关派出所


@pytest.mark.parametrize("principal", [OFFICE, DIRECTOR, MEMBER])
def test_committee_sees_every_case(officer_case, principal):
    assert rules.is_committee(principal) is True
    assert rules.can_view(officer_case, principal) is True


def test_filer_sees_the_case(cal):
    case = submitted(cal, principal=RELATIVE, applicant_type="relative")
    assert rules.can_view(case, RELATIVE) is True


def test_officer_concerned_sees_a_case_filed_by_someone_else(cal):
    case = submitted(cal, principal=RELATIVE, applicant_type="relative")
    assert case.filed_by == "lina"
    assert rules.can_view(case, OFFICER) is True


def test_unit_liaison_sees_cases_of_its_unit(officer_case):
    assert rules.can_view(officer_case, LIAISON) is True
    assert rules.can_view(officer_case, OTHER_LIAISON) is False


@pytest.mark.parametrize("principal", [
    OTHER_OFFICER, RELATIVE, CYBER,
    {**OFFICER, "username": "someone", "police_id": None},
    {**CYBER, "police_id": "360721001", "unit": "城关派出所"},  # matching ids, wrong role
])
def test_strangers_do_not_see_the_case(officer_case, principal):
    assert rules.is_committee(principal) is False
    assert rules.can_view(officer_case, principal) is False


def test_case_model_lookup():
    case = Case(case_no=CASE_NO, status="submitted", category="other", channel="app",
                applicant={"type": "officer"}, officer={"police_id": "1", "unit": "u"},
                incident={"off_duty": True}, received_at=DUE, submitted_at=DUE, filed_by="x")
    assert case.clock(ACCEPTANCE_DECISION) is None
    assert case.flags == {"ongoing": False, "off_duty": True, "anti_gang": False,
                          "injury": False}

"""Pure domain of the committee office after the acceptance decision (intake.domain.lifecycle):
written conclusions and their extension (Art. 16), re-examination (Art. 17), escalation
(Art. 18), the higher level's answer to an appeal (Art. 15), and what the case answer shows.

Time is always passed in; the calendar is the real one (package data + repo file), so the dates
below follow the 2026 official schedule (National Day break 10-01..10-07, Sat 10-10 a working
day)."""
from datetime import date

import pytest

from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import (AppealOutcomeV1, ConclusionV1, EscalationOutcomeV1,
                                        EscalationV1, ExtensionV1, ReexaminationOutcomeV1,
                                        ReexaminationV1)
from weiquan.contracts.events import build_event

from intake import events
from intake.domain import lifecycle, rules
from intake.domain.model import WRITTEN_REPLY
from intake.views import case_summary, case_view, location
from tests.unit.helpers_intake import (CYBER, DIRECTOR, MEMBER, OFFICE, OFFICER, OTHER_OFFICER,
                                       RELATIVE, appeal_cmd, at, decision, end_of, raises,
                                       rejected, submitted)

pytestmark = pytest.mark.unit

ACCEPTED_AT = "2026-09-02T15:00"   # written reply due Thu 2026-10-08 (day 30 in the break)
REPLY_DUE = end_of("2026-10-08")


# ---- builders ----------------------------------------------------------------------------

def conclusion_cmd(outcome="established", findings="  经调查，侵权事实成立，已依法处理。  "):
    return load_or_error(ConclusionV1, {"findings": findings, "outcome": outcome})


def extension_cmd(new_due, reason="案情重大复杂，需协调多部门调查"):
    return load_or_error(ExtensionV1, {"reason": reason, "new_due": new_due})


def reexam_cmd(reason="对办理结论不服", **more):
    return load_or_error(ReexaminationV1, {"reason": reason, **more})


def reexam_outcome_cmd(decided_at, outcome="upheld", reference="赣市公维复〔2026〕3号", **more):
    return load_or_error(ReexaminationOutcomeV1, {"reference": reference, "outcome": outcome,
                                                  "decided_at": decided_at, **more})


def escalation_cmd(body="赣州市公安局维权委", reason="涉及市外单位，需上级协调", **more):
    return load_or_error(EscalationV1, {"reason": reason, "body": body, **more})


def escalation_outcome_cmd(answered_at, escalation_id=1, outcome="已协调市外单位配合调查",
                           reference="赣市公维函〔2026〕7号"):
    return load_or_error(EscalationOutcomeV1, {
        "escalation_id": escalation_id, "reference": reference, "outcome": outcome,
        "answered_at": answered_at})


def appeal_outcome_cmd(decided_at, outcome="refusal_overturned", reference="赣市公维复〔2026〕9号"):
    return load_or_error(AppealOutcomeV1, {"reference": reference, "outcome": outcome,
                                           "decided_at": decided_at})


def accepted(cal, accepted_at=ACCEPTED_AT):
    case = submitted(cal)
    return rules.decide(case, decision(True), OFFICE, at(accepted_at), cal)


def concluded(cal, concluded_at="2026-09-30T10:00"):
    return lifecycle.conclude(accepted(cal), conclusion_cmd(), OFFICE, at(concluded_at), cal)


def in_reexamination(cal):
    return lifecycle.request_reexamination(concluded(cal), reexam_cmd(), OFFICER,
                                           at("2026-10-09T09:00"), cal)


def appealed(cal):
    case = rejected(cal)   # refused 2026-09-30T11:00
    return rules.appeal(case, appeal_cmd("2026-10-09"), OFFICER, at("2026-10-12T09:00"), cal)


def closed(cal):
    return lifecycle.record_reexamination_outcome(in_reexamination(cal),
                                                  reexam_outcome_cmd("2026-10-20"), OFFICE,
                                                  at("2026-10-21T09:00"), cal)


def in_status(cal, status):
    return {"submitted": lambda: submitted(cal), "accepted": lambda: accepted(cal),
            "rejected": lambda: rejected(cal), "appealed": lambda: appealed(cal),
            "concluded": lambda: concluded(cal), "reexamination": lambda: in_reexamination(cal),
            "closed": lambda: closed(cal)}[status]()


def assert_conflict(err, code, status_now):
    assert err.status == 409, err
    assert err.code == code
    assert err.to_dict()["error"]["status_now"] == status_now
    assert status_now in err.message


ALL_STATUSES = ["submitted", "accepted", "rejected", "appealed", "concluded", "reexamination",
                "closed"]


# ---- conclusion (Art. 16) ----------------------------------------------------------------

def test_conclusion_in_time_meets_the_reply_deadline(cal):
    case = accepted(cal)
    now = at("2026-09-30T10:00")
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, now, cal)
    assert case.status == "concluded"
    assert case.conclusion == {"findings": "经调查，侵权事实成立，已依法处理。",
                               "outcome": "established", "concluded_at": now, "by": "office1"}
    reply = case.clock(WRITTEN_REPLY)
    assert reply.satisfied_at == now
    assert reply.state(at("2026-12-01T09:00")) == "met"
    assert case.history[-1].action == "case_concluded"
    assert case.history[-1].actor == "office1"
    assert case.history[-1].detail == {"outcome": "established",
                                       "concluded_at": "2026-09-30T10:00:00+08:00",
                                       "reply_due": "2026-10-08T23:59:59+08:00",
                                       "reply_state": "met"}


@pytest.mark.parametrize("concluded_at, state", [
    ("2026-10-08T23:59:59", "met"),      # the whole last second counts
    ("2026-10-09T00:00", "missed"),
    ("2026-10-20T09:00", "missed"),
])
def test_late_conclusion_shows_missed(cal, concluded_at, state):
    case = accepted(cal)
    lifecycle.conclude(case, conclusion_cmd("partly_established"), OFFICE, at(concluded_at), cal)
    assert case.status == "concluded"
    assert case.clock(WRITTEN_REPLY).state(at("2026-12-01T09:00")) == state
    assert case.history[-1].detail["reply_state"] == state


def test_conclusion_after_an_extension_is_measured_against_the_new_due(cal):
    case = accepted(cal)
    lifecycle.extend(case, extension_cmd("2026-10-30"), DIRECTOR, at("2026-10-05T10:00"), cal)
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-10-29T16:00"), cal)
    assert case.clock(WRITTEN_REPLY).state(at("2026-11-02T09:00")) == "met"


@pytest.mark.parametrize("principal", [DIRECTOR, MEMBER, OFFICER, CYBER])
def test_only_the_committee_office_concludes(cal, principal):
    case = accepted(cal)
    err = raises(lifecycle.conclude, case, conclusion_cmd(), principal, at("2026-09-30T10:00"),
                 cal)
    assert err.status == 403
    assert case.status == "accepted" and case.conclusion is None


@pytest.mark.parametrize("status", [s for s in ALL_STATUSES if s != "accepted"])
def test_conclusion_needs_an_accepted_case(cal, status):
    case = in_status(cal, status)
    err = raises(lifecycle.conclude, case, conclusion_cmd(), OFFICE, at("2026-10-25T10:00"), cal)
    assert_conflict(err, "not_accepted", status)
    assert case.status == status


# ---- extension (Art. 16) -----------------------------------------------------------------

def test_director_extends_and_history_keeps_both_dates(cal):
    case = accepted(cal)
    now = at("2026-10-05T10:00")
    lifecycle.extend(case, extension_cmd("2026-11-06"), DIRECTOR, now, cal)
    reply = case.clock(WRITTEN_REPLY)
    assert reply.due_at == end_of("2026-11-06")
    assert reply.extended_from == REPLY_DUE
    assert reply.provisional is False
    assert reply.satisfied_at is None
    assert reply.state(now) == "running"
    assert case.status == "accepted"
    entry = case.history[-1]
    assert (entry.action, entry.actor) == ("deadline_extended", "director")
    assert entry.detail == {"clock_kind": "written_reply",
                            "old_due": "2026-10-08T23:59:59+08:00",
                            "new_due": "2026-11-06T23:59:59+08:00",
                            "statutory_due": "2026-10-08T23:59:59+08:00",
                            "reason": "案情重大复杂，需协调多部门调查", "by": "director"}


def test_extension_clears_the_overdue_flag(cal):
    case = accepted(cal)
    now = at("2026-10-12T09:00")
    reply = case.clock(WRITTEN_REPLY)
    assert reply.state(now) == "overdue"
    reply.missed_at = at("2026-10-09T08:30")   # as the sweep records the miss (Art. 36)
    reply.reminded_on = date(2026, 9, 30)        # ...and the reminder before the old date
    assert case_summary(case, now)["overdue"] is True
    lifecycle.extend(case, extension_cmd("2026-10-30"), DIRECTOR, now, cal)
    assert reply.state(now) == "running"
    assert case_summary(case, now)["overdue"] is False
    # the old miss stays in the accountability register (one row per due date); the marker is
    # cleared so a miss of the new date is recorded too
    assert reply.missed_at is None
    assert reply.reminded_on is None, "a reminder is due again before the new date"
    assert reply.extended_from == REPLY_DUE
    view = [d for d in case_view(case, now)["deadlines"] if d["kind"] == WRITTEN_REPLY][0]
    assert view["state"] == "running"
    assert view["due"] == "2026-10-30T23:59:59+08:00"
    assert view["extended_from"] == "2026-10-08T23:59:59+08:00"
    # ...and it is overdue again only after the new date
    assert reply.state(at("2026-10-30T23:59:59")) == "running"
    assert reply.state(at("2026-10-31T00:00")) == "overdue"


def test_a_second_extension_keeps_the_statutory_date(cal):
    case = accepted(cal)
    lifecycle.extend(case, extension_cmd("2026-10-30"), DIRECTOR, at("2026-10-05T10:00"), cal)
    lifecycle.extend(case, extension_cmd("2026-11-13", "仍需等待鉴定意见"), DIRECTOR,
                     at("2026-10-28T10:00"), cal)
    reply = case.clock(WRITTEN_REPLY)
    assert reply.due_at == end_of("2026-11-13")
    assert reply.extended_from == REPLY_DUE
    assert case.history[-1].detail["old_due"] == "2026-10-30T23:59:59+08:00"
    assert case.history[-1].detail["statutory_due"] == "2026-10-08T23:59:59+08:00"
    assert [h.action for h in case.history].count("deadline_extended") == 2


@pytest.mark.parametrize("new_due", ["2026-11-06T10:00:00+08:00", "2026-11-05T20:00:00Z",
                                     "2026-11-06T23:59:59+08:00"])
def test_new_due_as_a_datetime_is_the_end_of_its_shanghai_day(cal, new_due):
    case = accepted(cal)
    lifecycle.extend(case, extension_cmd(new_due), DIRECTOR, at("2026-10-05T10:00"), cal)
    assert case.clock(WRITTEN_REPLY).due_at == end_of("2026-11-06")


def test_new_due_on_a_swapped_working_saturday_is_allowed(cal):
    case = accepted(cal)
    lifecycle.extend(case, extension_cmd("2026-10-10"), DIRECTOR, at("2026-10-05T10:00"), cal)
    assert case.clock(WRITTEN_REPLY).due_at == end_of("2026-10-10")


@pytest.mark.parametrize("new_due", ["2026-11-07", "2026-11-08", "2027-01-01"])
def test_new_due_must_be_a_working_day(cal, new_due):
    case = accepted(cal)
    err = raises(lifecycle.extend, case, extension_cmd(new_due), DIRECTOR,
                 at("2026-10-05T10:00"), cal)
    assert err.status == 422
    assert new_due in err.fields["new_due"]
    assert case.clock(WRITTEN_REPLY).due_at == REPLY_DUE


@pytest.mark.parametrize("new_due", ["2026-10-08", "2026-09-30", "2026-10-08T09:00:00+08:00"])
def test_new_due_must_be_later_than_the_current_due(cal, new_due):
    case = accepted(cal)
    err = raises(lifecycle.extend, case, extension_cmd(new_due), DIRECTOR,
                 at("2026-09-20T10:00"), cal)
    assert err.status == 422
    assert err.code == "validation_failed"
    assert "2026-10-08" in err.fields["new_due"], "names the current due"
    reply = case.clock(WRITTEN_REPLY)
    assert reply.due_at == REPLY_DUE and reply.extended_from is None


def test_new_due_already_passed_is_refused(cal):
    case = accepted(cal)
    err = raises(lifecycle.extend, case, extension_cmd("2026-10-19"), DIRECTOR,
                 at("2026-10-20T10:00"), cal)
    assert err.status == 422 and "2026-10-19" in err.fields["new_due"]


@pytest.mark.parametrize("principal", [OFFICE, MEMBER, OFFICER, CYBER])
def test_only_the_director_extends(cal, principal):
    case = accepted(cal)
    err = raises(lifecycle.extend, case, extension_cmd("2026-11-06"), principal,
                 at("2026-10-05T10:00"), cal)
    assert err.status == 403
    assert case.clock(WRITTEN_REPLY).due_at == REPLY_DUE


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_extension_needs_a_reason(cal, reason):
    case = accepted(cal)
    cmd = {"new_due": at("2026-11-06T00:00"), "reason": reason}
    err = raises(lifecycle.extend, case, cmd, DIRECTOR, at("2026-10-05T10:00"), cal)
    assert err.status == 422 and "reason" in err.fields
    assert case.clock(WRITTEN_REPLY).due_at == REPLY_DUE


@pytest.mark.parametrize("status", [s for s in ALL_STATUSES if s != "accepted"])
def test_extension_needs_an_open_reply_deadline(cal, status):
    case = in_status(cal, status)
    err = raises(lifecycle.extend, case, extension_cmd("2026-11-27"), DIRECTOR,
                 at("2026-10-25T10:00"), cal)
    assert_conflict(err, "no_open_reply_deadline", status)


def test_extension_of_a_provisional_due_is_a_firm_date(cal):
    case = accepted(cal, "2026-12-15T10:00")     # day 30 = 2027-01-14, no 2027 schedule yet
    reply = case.clock(WRITTEN_REPLY)
    assert reply.provisional is True
    lifecycle.extend(case, extension_cmd("2027-01-20"), DIRECTOR, at("2027-01-05T10:00"), cal)
    assert reply.due_at == end_of("2027-01-20") and reply.provisional is False
    assert reply.extended_from == end_of("2027-01-14")


# ---- re-examination (Art. 17) ------------------------------------------------------------

def test_applicant_asks_for_reexamination_after_conclusion(cal):
    case = concluded(cal)
    now = at("2026-10-09T09:00")
    lifecycle.request_reexamination(case, reexam_cmd("  对办理结论不服  "), OFFICER, now, cal)
    assert case.status == "reexamination"
    assert case.reexamination == {"reason": "对办理结论不服", "requested_at": now,
                                  "by": "zhangwei", "body": "上级公安机关维权组织",
                                  "reference": None, "outcome": None}
    assert case.history[-1].action == "reexamination_requested"
    assert case.history[-1].detail == {"requested_at": "2026-10-09T09:00:00+08:00",
                                       "body": "上级公安机关维权组织"}
    assert location(case) == {"at": "higher_level", "why": "reexamination"}


def test_office_keys_in_a_paper_request(cal):
    case = concluded(cal)   # concluded 2026-09-30T10:00
    lifecycle.request_reexamination(
        case, reexam_cmd(requested_at="2026-10-08T16:00:00+08:00", body="赣州市公安局维权委"),
        OFFICE, at("2026-10-09T09:00"), cal)
    assert case.reexamination["requested_at"] == at("2026-10-08T16:00")
    assert case.reexamination["by"] == "office1"
    assert case.reexamination["body"] == "赣州市公安局维权委"


@pytest.mark.parametrize("requested_at", ["2026-09-30T09:59:59+08:00", "2026-09-01T10:00:00+08:00"])
def test_reexamination_request_not_before_conclusion(cal, requested_at):
    case = concluded(cal)
    err = raises(lifecycle.request_reexamination, case, reexam_cmd(requested_at=requested_at),
                 OFFICE, at("2026-10-09T09:00"), cal)
    assert err.status == 422 and "requested_at" in err.fields
    assert case.status == "concluded"


def test_reexamination_request_never_in_the_future(cal):
    case = concluded(cal)
    err = raises(lifecycle.request_reexamination, case,
                 reexam_cmd(requested_at="2026-10-10T09:00:00+08:00"), OFFICE,
                 at("2026-10-09T09:00"), cal)
    assert err.status == 422 and "requested_at" in err.fields


@pytest.mark.parametrize("status", [s for s in ALL_STATUSES if s != "concluded"])
def test_reexamination_before_conclusion_is_a_conflict(cal, status):
    case = in_status(cal, status)
    err = raises(lifecycle.request_reexamination, case, reexam_cmd(), OFFICER,
                 at("2026-10-25T10:00"), cal)
    assert_conflict(err, "not_concluded", status)


@pytest.mark.parametrize("principal", [OTHER_OFFICER, RELATIVE, DIRECTOR, MEMBER, CYBER])
def test_only_the_filer_or_the_office_asks_for_reexamination(cal, principal):
    case = concluded(cal)
    err = raises(lifecycle.request_reexamination, case, reexam_cmd(), principal,
                 at("2026-10-09T09:00"), cal)
    assert err.status == 403
    assert case.status == "concluded"


@pytest.mark.parametrize("outcome", ["upheld", "revised"])
def test_reexamination_outcome_closes_the_case(cal, outcome):
    case = in_reexamination(cal)   # requested 2026-10-09T09:00
    now = at("2026-10-21T09:00")
    lifecycle.record_reexamination_outcome(
        case, reexam_outcome_cmd("2026-10-20", outcome, note=" 维持原结论 "), OFFICE, now, cal)
    assert case.status == "closed"
    assert case.reexamination == {
        "reason": "对办理结论不服", "requested_at": at("2026-10-09T09:00"), "by": "zhangwei",
        "body": "上级公安机关维权组织", "reference": "赣市公维复〔2026〕3号", "outcome": outcome,
        "decided_at": at("2026-10-20T00:00"), "note": "维持原结论", "outcome_recorded_at": now,
        "outcome_by": "office1"}
    assert case.history[-1].action == "reexamination_decided"
    assert case.history[-1].detail == {"reference": "赣市公维复〔2026〕3号", "outcome": outcome,
                                       "decided_at": "2026-10-20T00:00:00+08:00"}
    assert location(case) == {"at": "committee_office", "why": None}


def test_reexamination_decided_the_day_it_was_asked(cal):
    case = in_reexamination(cal)
    lifecycle.record_reexamination_outcome(case, reexam_outcome_cmd("2026-10-09"), OFFICE,
                                           at("2026-10-09T17:00"), cal)
    assert case.status == "closed"


@pytest.mark.parametrize("decided_at", ["2026-10-08", "2026-10-22"])
def test_reexamination_outcome_dates(cal, decided_at):
    case = in_reexamination(cal)
    err = raises(lifecycle.record_reexamination_outcome, case, reexam_outcome_cmd(decided_at),
                 OFFICE, at("2026-10-21T09:00"), cal)
    assert err.status == 422 and "decided_at" in err.fields
    assert case.status == "reexamination"


@pytest.mark.parametrize("status", [s for s in ALL_STATUSES if s != "reexamination"])
def test_reexamination_outcome_needs_a_pending_reexamination(cal, status):
    case = in_status(cal, status)
    err = raises(lifecycle.record_reexamination_outcome, case, reexam_outcome_cmd("2026-10-20"),
                 OFFICE, at("2026-10-25T10:00"), cal)
    assert_conflict(err, "not_in_reexamination", status)


@pytest.mark.parametrize("principal", [OFFICER, DIRECTOR, MEMBER])
def test_only_the_office_records_the_reexamination_outcome(cal, principal):
    case = in_reexamination(cal)
    err = raises(lifecycle.record_reexamination_outcome, case, reexam_outcome_cmd("2026-10-20"),
                 principal, at("2026-10-21T09:00"), cal)
    assert err.status == 403


# ---- escalation (Art. 18) ----------------------------------------------------------------

@pytest.mark.parametrize("status", ["submitted", "accepted"])
@pytest.mark.parametrize("principal", [OFFICE, DIRECTOR])
def test_escalation_from_an_open_case(cal, status, principal):
    case = in_status(cal, status)
    now = at("2026-09-10T10:00")
    lifecycle.escalate(case, escalation_cmd(reference=" 赣县公维〔2026〕1号 "), principal, now, cal)
    assert case.status == status, "escalation does not change the status"
    assert case.escalations == [{
        "id": 1, "reason": "涉及市外单位，需上级协调", "body": "赣州市公安局维权委",
        "reference": "赣县公维〔2026〕1号", "escalated_at": now,
        "by": principal["username"], "outcome": None}]
    assert case.history[-1].action == "case_escalated"
    assert case.history[-1].detail == {"escalation_id": 1, "body": "赣州市公安局维权委",
                                       "reference": "赣县公维〔2026〕1号",
                                       "escalated_at": "2026-09-10T10:00:00+08:00"}
    assert location(case) == {"at": "higher_level", "why": "escalation"}


def test_escalations_are_numbered(cal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    lifecycle.escalate(case, escalation_cmd("江西省公安厅维权委"), DIRECTOR,
                       at("2026-09-11T10:00"), cal)
    assert [(e["id"], e["body"], e["reference"]) for e in case.escalations] == [
        (1, "赣州市公安局维权委", None), (2, "江西省公安厅维权委", None)]


@pytest.mark.parametrize("status", ["rejected", "appealed", "concluded", "reexamination",
                                    "closed"])
def test_escalation_only_from_an_open_case(cal, status):
    case = in_status(cal, status)
    err = raises(lifecycle.escalate, case, escalation_cmd(), OFFICE, at("2026-10-25T10:00"), cal)
    assert_conflict(err, "not_open", status)
    assert case.escalations == []


@pytest.mark.parametrize("principal", [MEMBER, OFFICER, CYBER])
def test_only_office_or_director_escalates(cal, principal):
    case = accepted(cal)
    err = raises(lifecycle.escalate, case, escalation_cmd(), principal, at("2026-09-10T10:00"),
                 cal)
    assert err.status == 403


@pytest.mark.parametrize("principal", [OFFICE, DIRECTOR, MEMBER])
def test_escalation_outcome_brings_the_case_back(cal, principal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    now = at("2026-09-20T10:00")
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-09-18"), principal,
                                        now, cal)
    assert case.escalations[0] == {
        "id": 1, "reason": "涉及市外单位，需上级协调", "body": "赣州市公安局维权委",
        "reference": "赣市公维函〔2026〕7号", "escalated_at": at("2026-09-10T10:00"),
        "by": "office1", "outcome": "已协调市外单位配合调查", "answered_at": at("2026-09-18T00:00"),
        "outcome_recorded_at": now, "outcome_by": principal["username"]}
    assert case.history[-1].action == "escalation_answered"
    assert case.history[-1].detail == {"escalation_id": 1, "reference": "赣市公维函〔2026〕7号",
                                       "answered_at": "2026-09-18T00:00:00+08:00"}
    assert location(case) == {"at": "committee_office", "why": None}


def test_one_unanswered_escalation_keeps_the_case_at_the_higher_level(cal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    lifecycle.escalate(case, escalation_cmd("江西省公安厅维权委"), OFFICE,
                       at("2026-09-11T10:00"), cal)
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-09-12", 2), OFFICE,
                                        at("2026-09-14T10:00"), cal)
    assert case.escalations[0]["outcome"] is None
    assert location(case) == {"at": "higher_level", "why": "escalation"}


def test_escalation_answered_after_the_conclusion(cal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-09-30T10:00"), cal)
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-10-09"), OFFICE,
                                        at("2026-10-09T10:00"), cal)
    assert case.status == "concluded" and case.escalations[0]["outcome"]


def test_escalation_outcome_bad_input(cal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    now = at("2026-09-20T10:00")
    err = raises(lifecycle.record_escalation_outcome, case, escalation_outcome_cmd(
        "2026-09-18", escalation_id=2), OFFICE, now, cal)
    assert err.status == 422 and "escalation_id" in err.fields
    for day in ("2026-09-09", "2026-09-21"):   # before the escalation, in the future
        err = raises(lifecycle.record_escalation_outcome, case, escalation_outcome_cmd(day),
                     OFFICE, now, cal)
        assert err.status == 422 and "answered_at" in err.fields
    err = raises(lifecycle.record_escalation_outcome, case, escalation_outcome_cmd("2026-09-18"),
                 OFFICER, now, cal)
    assert err.status == 403
    assert case.escalations[0]["outcome"] is None
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-09-10"), OFFICE, now,
                                        cal)   # the same day as the escalation is fine
    err = raises(lifecycle.record_escalation_outcome, case, escalation_outcome_cmd("2026-09-18"),
                 OFFICE, now, cal)
    assert err.status == 409 and err.code == "escalation_answered"


# ---- the higher level's answer to an appeal (Art. 15) ------------------------------------

def test_refusal_upheld_closes_the_case(cal):
    case = appealed(cal)
    assert location(case) == {"at": "higher_level", "why": "appeal"}
    now = at("2026-10-20T10:00")
    lifecycle.record_appeal_outcome(case, appeal_outcome_cmd("2026-10-19", "refusal_upheld"),
                                    OFFICE, now, cal)
    assert case.status == "closed"
    assert case.clock(WRITTEN_REPLY) is None
    assert case.appeal["outcome"] == "refusal_upheld"
    assert case.appeal["reference"] == "赣市公维复〔2026〕9号"
    assert case.appeal["decided_at"] == at("2026-10-19T00:00")
    assert case.appeal["outcome_recorded_at"] == now
    assert case.appeal["answer_received_at"] == at("2026-10-09T00:00"), "the appeal is kept"
    assert case.history[-1].action == "appeal_decided"
    assert case.history[-1].detail == {"reference": "赣市公维复〔2026〕9号",
                                       "outcome": "refusal_upheld",
                                       "decided_at": "2026-10-19T00:00:00+08:00"}
    assert location(case) == {"at": "committee_office", "why": None}


@pytest.mark.parametrize("decided_at, due", [
    ("2026-10-19T15:00:00+08:00", "2026-11-18"),   # day 30 = Wed 11-18, a working day
    ("2026-10-23", "2026-11-23"),                  # day 30 = Sun 11-22 -> Mon 11-23
])
def test_refusal_overturned_accepts_with_a_thirty_day_reply_clock(cal, decided_at, due):
    case = appealed(cal)
    lifecycle.record_appeal_outcome(case, appeal_outcome_cmd(decided_at), OFFICE,
                                    at("2026-10-26T10:00"), cal)
    assert case.status == "accepted"
    reply = case.clock(WRITTEN_REPLY)
    assert reply.start_at == load_or_error(AppealOutcomeV1, {
        "reference": "x", "outcome": "refusal_overturned", "decided_at": decided_at})["decided_at"]
    assert reply.due_at == end_of(due)
    assert (reply.holder, reply.statutory, reply.provisional) == ("committee_office", True, False)
    assert case.history[-1].detail["reply_due"] == f"{due}T23:59:59+08:00"
    # the case then runs its course like any accepted case
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-11-10T10:00"), cal)
    assert case.status == "concluded"


def test_the_thirty_day_rule_moves_a_due_in_a_day_off_period_to_the_next_working_day(cal):
    """Day 30 after 2026-09-02 is Fri 10-02, inside the National Day break (10-01..10-07):
    the deadline is the end of Thu 10-08, the first working day after it."""
    case = submitted(cal, now=at("2026-08-20T09:00"), occurred_at="2026-08-19T20:00:00+08:00")
    rules.decide(case, decision(False, "不属于维权范围"), OFFICE, at("2026-08-21T09:00"), cal)
    rules.appeal(case, appeal_cmd("2026-08-21"), OFFICER, at("2026-08-24T09:00"), cal)
    lifecycle.record_appeal_outcome(case, appeal_outcome_cmd("2026-09-02T11:00:00+08:00"),
                                    OFFICE, at("2026-09-03T09:00"), cal)
    reply = case.clock(WRITTEN_REPLY)
    assert not cal.is_working_day(date(2026, 10, 2))
    assert reply.due_at == end_of("2026-10-08")
    assert reply.state(at("2026-10-08T23:59:59")) == "running"
    assert reply.state(at("2026-10-09T00:00")) == "overdue"


@pytest.mark.parametrize("decided_at", ["2026-09-29", "2026-10-27"])
def test_appeal_outcome_dates(cal, decided_at):
    case = appealed(cal)   # refused 2026-09-30
    err = raises(lifecycle.record_appeal_outcome, case, appeal_outcome_cmd(decided_at), OFFICE,
                 at("2026-10-26T10:00"), cal)
    assert err.status == 422 and "decided_at" in err.fields
    assert case.status == "appealed"


@pytest.mark.parametrize("status", [s for s in ALL_STATUSES if s != "appealed"])
def test_appeal_outcome_needs_a_pending_appeal(cal, status):
    case = in_status(cal, status)
    err = raises(lifecycle.record_appeal_outcome, case, appeal_outcome_cmd("2026-10-20"), OFFICE,
                 at("2026-10-25T10:00"), cal)
    assert_conflict(err, "not_appealed", status)


@pytest.mark.parametrize("principal", [OFFICER, DIRECTOR, MEMBER])
def test_only_the_office_records_the_appeal_outcome(cal, principal):
    case = appealed(cal)
    err = raises(lifecycle.record_appeal_outcome, case, appeal_outcome_cmd("2026-10-20"),
                 principal, at("2026-10-26T10:00"), cal)
    assert err.status == 403


# ---- the case answer ---------------------------------------------------------------------

def test_case_view_shows_the_lifecycle_with_shanghai_times(cal):
    case = accepted(cal)
    lifecycle.escalate(case, escalation_cmd(), OFFICE, at("2026-09-10T10:00"), cal)
    view = case_view(case, at("2026-09-11T10:00"))
    assert view["conclusion"] is None and view["reexamination"] is None
    assert view["escalations"][0]["escalated_at"] == "2026-09-10T10:00:00+08:00"
    assert view["location"] == {"at": "higher_level", "why": "escalation"}
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-09-12"), OFFICE,
                                        at("2026-09-14T10:00"), cal)
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-09-30T10:00"), cal)
    lifecycle.request_reexamination(case, reexam_cmd(), OFFICER, at("2026-10-09T09:00"), cal)
    view = case_view(case, at("2026-10-09T10:00"))
    assert view["conclusion"] == {"findings": "经调查，侵权事实成立，已依法处理。",
                                  "outcome": "established",
                                  "concluded_at": "2026-09-30T10:00:00+08:00", "by": "office1"}
    assert view["reexamination"]["requested_at"] == "2026-10-09T09:00:00+08:00"
    assert view["escalations"][0]["answered_at"] == "2026-09-12T00:00:00+08:00"
    assert view["location"] == {"at": "higher_level", "why": "reexamination"}
    assert [t["action"] for t in view["timeline"]] == [
        "application_submitted", "case_accepted", "case_escalated", "escalation_answered",
        "case_concluded", "reexamination_requested"]


@pytest.mark.parametrize("status, where", [
    ("submitted", {"at": "committee_office", "why": None}),
    ("accepted", {"at": "committee_office", "why": None}),
    ("rejected", {"at": "committee_office", "why": None}),
    ("appealed", {"at": "higher_level", "why": "appeal"}),
    ("concluded", {"at": "committee_office", "why": None}),
    ("reexamination", {"at": "higher_level", "why": "reexamination"}),
    ("closed", {"at": "committee_office", "why": None}),
])
def test_location_by_status(cal, status, where):
    assert case_view(in_status(cal, status), at("2026-10-25T10:00"))["location"] == where


# ---- the events announced (contracts/events.py) ------------------------------------------

class FakeUow:
    def __init__(self):
        self.bodies = []

    def emit(self, source, event_type, case_no, actor, payload, now=None):
        body = build_event(source, event_type, case_no, actor, payload, now)  # validates
        self.bodies.append(body)
        return body


def _announce(announcer, case, principal, now):
    uow = FakeUow()
    announcer(uow, case, principal, now)
    assert len(uow.bodies) == 1
    return uow.bodies[0]


def test_lifecycle_events_follow_their_contracts_without_personal_data(cal):
    case = accepted(cal)
    now = at("2026-09-10T10:00")
    lifecycle.escalate(case, escalation_cmd(), OFFICE, now, cal)
    body = _announce(events.escalated, case, OFFICE, now)
    assert (body["event_type"], body["escalation_id"], body["body"], body["reference"]) == \
        ("case_escalated", 1, "赣州市公安局维权委", None)
    now = at("2026-09-14T10:00")
    lifecycle.record_escalation_outcome(case, escalation_outcome_cmd("2026-09-12"), OFFICE,
                                        now, cal)
    body = _announce(events.escalation_answered, case, OFFICE, now)
    assert body["answered_at"] == "2026-09-12T00:00:00+08:00"
    assert "outcome" not in body, "free-text answers stay off the bus"
    lifecycle.extend(case, extension_cmd("2026-10-30"), DIRECTOR, now, cal)
    body = _announce(events.extended, case, DIRECTOR, now)
    assert {k: body[k] for k in ("clock_kind", "old_due", "new_due", "reason")} == {
        "clock_kind": "written_reply", "old_due": "2026-10-08T23:59:59+08:00",
        "new_due": "2026-10-30T23:59:59+08:00", "reason": "案情重大复杂，需协调多部门调查"}
    lifecycle.conclude(case, conclusion_cmd(), OFFICE, at("2026-10-20T10:00"), cal)
    body = _announce(events.concluded, case, OFFICE, at("2026-10-20T10:00"))
    assert (body["outcome"], body["reply_state"]) == ("established", "met")
    assert "findings" not in body and "经调查" not in str(body)
    lifecycle.request_reexamination(case, reexam_cmd(), OFFICER, at("2026-10-21T10:00"), cal)
    body = _announce(events.reexamination_requested, case, OFFICER, at("2026-10-21T10:00"))
    assert body["body"] == "上级公安机关维权组织" and "对办理结论不服" not in str(body)
    lifecycle.record_reexamination_outcome(case, reexam_outcome_cmd("2026-10-22", "revised"),
                                           OFFICE, at("2026-10-23T10:00"), cal)
    body = _announce(events.reexamination_decided, case, OFFICE, at("2026-10-23T10:00"))
    assert (body["outcome"], body["decided_at"]) == ("revised", "2026-10-22T00:00:00+08:00")


@pytest.mark.parametrize("outcome, status, reply_due", [
    ("refusal_upheld", "closed", None),
    ("refusal_overturned", "accepted", {"due": "2026-11-18T23:59:59+08:00",
                                        "provisional": False}),
])
def test_appeal_decided_event(cal, outcome, status, reply_due):
    case = appealed(cal)
    now = at("2026-10-20T10:00")
    lifecycle.record_appeal_outcome(case, appeal_outcome_cmd("2026-10-19", outcome), OFFICE,
                                    now, cal)
    uow = FakeUow()
    events.appeal_decided(uow, case, OFFICE, now)
    # an overturned refusal is an acceptance for the departments: case_accepted comes first
    assert [b["event_type"] for b in uow.bodies] == \
        (["case_accepted"] if reply_due else []) + ["appeal_decided"]
    body = uow.bodies[-1]
    if reply_due:
        assert uow.bodies[0]["reply_due"] == reply_due
    assert (body["outcome"], body["status"], body["reply_due"]) == (outcome, status, reply_due)
    assert body["flags"] == case.flags and body["category"] == case.category

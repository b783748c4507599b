"""Shared builders of the intake lifecycle tests (test_intake_conclusion.py,
test_intake_extension.py, test_intake_reexamination.py, test_intake_escalation.py,
test_intake_appeal_outcome.py, test_intake_lifecycle_events.py): the lifecycle commands as the
contracts load them, a case in each status, and the conflict check.

Time is always passed in; the calendar is the real one (package data + repo file), so the dates
follow the 2026 official schedule (National Day break 10-01..10-07, Sat 10-10 a working day)."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import (AppealOutcomeV1, ConclusionV1, EscalationOutcomeV1,
                                        EscalationV1, ExtensionV1, ReexaminationOutcomeV1,
                                        ReexaminationV1)

from intake.domain import lifecycle, rules
from tests.unit.helpers_intake import (OFFICE, OFFICER, appeal_cmd, at, decision, end_of,
                                       rejected, submitted)

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

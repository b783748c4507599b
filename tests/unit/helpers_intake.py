"""Shared builders of the intake domain tests (test_intake_*.py): Shanghai moments, the
principals, the commands as the contracts load them, and a submitted or rejected case.

The calendar fixture ``cal`` lives in tests/unit/conftest.py."""
from datetime import datetime

import pytest

from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import AppealV1, DecisionV1, SubmitApplicationV1
from weiquan.errors import DomainError
from weiquan.kit.errors import from_domain

from intake.domain import rules

CASE_NO = "GX-WQ-2026-000123"


def at(text):
    """An aware Asia/Shanghai moment from 'YYYY-MM-DDTHH:MM[:SS]'."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def end_of(day):
    return datetime.fromisoformat(f"{day}T23:59:59").replace(tzinfo=TZ)


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
    """The domain error ``fn`` raises, as the RPC edge answers it (status, code, text)."""
    with pytest.raises(DomainError) as info:
        fn(*args)
    return from_domain(info.value)

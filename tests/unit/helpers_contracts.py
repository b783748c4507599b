"""Shared bodies and error texts of the contract tests (test_contracts_*.py)."""
import pytest

from weiquan.contracts.base import load_or_error
from weiquan.kit.errors import AppError

UNKNOWN = "未知字段 / Unknown field."
MISSING = "缺少必填字段 / Missing required field."
NAIVE = "日期时间须带时区 / Datetime must include a time zone."


def body(**over):
    base = {
        "applicant": {"type": "officer", "name": "张伟", "phone": "+86 138-0000-0000"},
        "officer": {"police_id": "360721001", "name": "张伟", "unit": "城关派出所",
                    "personnel_type": "regular"},
        "channel": "app",
        "category": "violent_attack",
        "incident": {"occurred_at": "2026-09-29T09:00:00+08:00", "place": "城关镇文化路",
                     "description": "执勤时被殴打"},
    }
    base.update(over)
    return base


def with_applicant(**applicant):
    b = body()
    b["applicant"] = {"name": "申请人", **applicant}
    return b


def fields_of(schema, data):
    with pytest.raises(AppError) as info:
        load_or_error(schema, data)
    err = info.value
    assert err.status == 422
    assert err.code == "validation_failed"
    return err.fields

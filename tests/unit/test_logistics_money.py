"""Money at the edges (Art. 25-27): yuan in, integer fen out, Decimal only. Zero, negative,
over-precise, exponent, NaN, infinite, boolean and huge amounts are refused naming the field."""
from decimal import Decimal

import pytest

from weiquan.contracts.base import load_or_error
from weiquan.contracts.logistics import (MAX_FEN, PaymentRequestV1, SetBudgetV1, fen_to_yuan,
                                         yuan_to_fen)
from weiquan.kit.errors import AppError

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("given, fen", [
    ("12.30", 1230), ("12.3", 1230), ("0.01", 1), ("1", 100), (100, 10000), (12.3, 1230),
    (Decimal("7.05"), 705), (" 5.50 ", 550), ("1000000.00", 100000000),
    (0.29, 29),               # 0.29 * 100 is 28.999... in float: Decimal from str is exact
    ("100000000", MAX_FEN),
])
def test_yuan_becomes_integer_fen(given, fen):
    assert yuan_to_fen(given) == fen
    assert isinstance(yuan_to_fen(given), int)


@pytest.mark.parametrize("given, problem", [
    ("0", "大于零"), ("0.00", "大于零"), (0, "大于零"), ("-1", "大于零"), (-0.5, "大于零"),
    ("0.001", "两位小数"), (1.005, "两位小数"), ("1e3", "两位小数"), ("1E3", "两位小数"),
    ("nan", "两位小数"), (float("nan"), "两位小数"), (float("inf"), "两位小数"),
    ("", "两位小数"), ("12,30", "两位小数"), ("¥12", "两位小数"), (True, "两位小数"),
    (None, "两位小数"), ([1], "两位小数"), ("100000000.01", "过大"), (1e15, "过大"),
    ("9" * 40, "过大"),
])
def test_bad_amounts_are_refused_with_the_reason(given, problem):
    with pytest.raises(ValueError) as exc:
        yuan_to_fen(given)
    assert problem in str(exc.value) and " / " in str(exc.value)


@pytest.mark.parametrize("fen, yuan", [(1, "0.01"), (1230, "12.30"), (100, "1.00"), (0, "0.00"),
                                       (-5, "-0.05")])
def test_fen_shows_as_yuan(fen, yuan):
    assert fen_to_yuan(fen) == yuan


def request(amount):
    return {"case_no": "WQ-2026-000001", "fund": "consolation", "amount": amount,
            "payee": "张伟", "purpose": "抚慰"}


def test_the_contract_names_the_amount_field():
    assert load_or_error(PaymentRequestV1, request("12.30"))["amount"] == 1230
    with pytest.raises(AppError) as exc:
        load_or_error(PaymentRequestV1, request("0.001"))
    assert exc.value.status == 422 and set(exc.value.fields) == {"amount"}


def test_an_unknown_fund_is_named():
    with pytest.raises(AppError) as exc:
        load_or_error(PaymentRequestV1, {**request("1"), "fund": "gold"})
    assert set(exc.value.fields) == {"fund"}


def test_the_committee_limit_is_not_below_the_directors():
    body = {"fund": "consolation", "year": 2026, "budget": "10000", "director_limit": "5000"}
    assert load_or_error(SetBudgetV1, body)["committee_limit"] is None
    with pytest.raises(AppError) as exc:
        load_or_error(SetBudgetV1, {**body, "committee_limit": "4999.99"})
    assert set(exc.value.fields) == {"committee_limit"}
    with pytest.raises(AppError) as exc:
        load_or_error(SetBudgetV1, {**body, "year": "2026"})
    assert set(exc.value.fields) == {"year"}

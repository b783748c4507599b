"""Answers of the gateway itself: errors, login, health, the calendar."""
from marshmallow import fields

from weiquan.contracts.answers.base import Answer, maybe, when
from weiquan.contracts.codes import ROLES


class ErrorBodyV1(Answer):
    code = fields.String(required=True)
    message = fields.String(required=True, metadata={"description": "中文 / English"})
    fields = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                         metadata={"description": "each bad field and what is wrong with it"})


class ErrorV1(Answer):
    error = fields.Nested(ErrorBodyV1, required=True)


class TokenV1(Answer):
    token = fields.String(required=True)
    roles = fields.List(fields.String(), required=True)


class PrincipalAnswerV1(Answer):
    username = fields.String(required=True)
    roles = fields.List(fields.String(metadata={"enum": list(ROLES)}), required=True)
    police_id = maybe(fields.String)
    unit = maybe(fields.String)
    name = maybe(fields.String)


class HealthV1(Answer):
    status = fields.String(required=True)


class ReadyV1(Answer):
    status = fields.String(required=True)
    intake = fields.String(required=True)
    dispatch = fields.String(required=True)
    evidence = fields.String(required=True)


REASON_CODES = ("start_day", "weekend", "holiday", "swapped_working_day",
                "moved_to_working_day")


class ReckonedDayV1(Answer):
    """One day of a deadline's reckoning (weiquan.calendar.reckoning)."""
    date = fields.Date(required=True)
    counted = fields.Boolean(required=True, metadata={
        "description": "the day counted toward the deadline (the due day always does)"})
    code = maybe(fields.String, required=True, metadata={
        "enum": [*REASON_CODES, None], "description": "null: an ordinary working day"})
    reason = maybe(fields.String, required=True, metadata={
        "description": "English, e.g. `holiday: National Day`, `weekend`, `swapped working "
                       "day (Spring Festival)`; null for an ordinary working day"})
    reason_zh = maybe(fields.String, required=True, metadata={
        "description": "中文，如 国庆节、周末、调休上班（春节）"})
    provisional = fields.Boolean(required=True, metadata={
        "description": "the day's year has no official State Council schedule yet"})


class DueV1(Answer):
    due = when(required=True)
    provisional = fields.Boolean(required=True)
    reckoning = fields.List(fields.Nested(ReckonedDayV1), metadata={
        "description": "only with `reckoning=true`: every day from the start to the due day"})


class CalendarReloadedV1(Answer):
    official_years = fields.List(fields.Integer(), required=True)
    last_official_year = maybe(fields.Integer)
    recomputed = fields.Integer(required=True)
    reason = maybe(fields.String)

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


class DueV1(Answer):
    due = when(required=True)
    provisional = fields.Boolean(required=True)


class CalendarReloadedV1(Answer):
    official_years = fields.List(fields.Integer(), required=True)
    last_official_year = maybe(fields.Integer)
    recomputed = fields.Integer(required=True)
    reason = maybe(fields.String)

"""Logging in and who am I."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import LoginV1

from gateway import auth
from gateway.http import json_response, read_json


def login(gw, request, op):
    body = load_or_error(LoginV1, read_json(request))
    with gw.db.session() as session:
        token, roles = auth.login(session, body["username"], body["password"], gw.secret)
    return json_response({"token": token, "roles": roles})


def me(gw, request, op):
    return json_response(gw.principal(request))

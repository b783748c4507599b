"""Reporting a live incident (the answer waits briefly for intake to open its case) and the
live board's server-sent-event stream, shared by the API and the portal's board page."""
import json
import time
import weakref

import eventlet
import jwt
from werkzeug.wrappers import Response

from weiquan.contracts.base import load_or_error
from weiquan.contracts.queries import load_query
from weiquan.kit.errors import AppError
from weiquan.kit.rpc import call

from gateway import auth, tokens
from gateway.board_feed import FEED
from gateway.http import json_response, read_json
from gateway.operation import allow, request_id

CASE_WAIT = 5.0         # seconds to wait for intake to open an incident's case (ms usually)
STREAM_SECONDS = 600    # an SSE stream ends after 10 minutes; EventSource reconnects
STREAM_POLL = 5.0       # seconds: the fallback when no change was announced (board_feed)
KEEPALIVE = 15


def report_incident(gw, request, op):
    principal = gw.principal(request)
    allow(op, principal)
    body = read_json(request)
    load_or_error(op.body, body)
    answer = gw.rpc("dispatch", "report_incident", body, principal,
                    request_id(request, principal))
    if answer["case_no"] is None:
        answer["case_no"] = _wait_for_case(gw, answer["incident_id"], principal)
    return json_response(answer, status=op.status)


def _wait_for_case(gw, incident_id, principal):
    """intake opens the case from the incident_reported event: milliseconds, normally."""
    deadline, pause = time.monotonic() + CASE_WAIT, 0.02
    while True:
        try:
            return gw.rpc("intake", "case_for_incident", incident_id, principal)["case_no"]
        except AppError as exc:
            if exc.status != 404 or time.monotonic() + pause > deadline:
                return None  # the case follows; GET /api/incidents/{id} shows it
        eventlet.sleep(pause)
        pause = min(pause * 2, 0.25)


def incident_stream(gw, request, op):
    """The API's stream: the token in the query (EventSource cannot send headers) or the
    bearer header."""
    token = load_query(op.query, request.args).get("token")
    if token:
        try:
            principal = tokens.read(token, gw.secret)
        except jwt.InvalidTokenError:
            raise auth.unauthorized("令牌无效或已过期", "Invalid or expired token") from None
    else:
        principal = gw.principal(request)
    return board_stream(gw, request, op, principal)


def board_stream(gw, request, op, principal, shape=None):
    """Server-sent events: the board whenever it changed, for the API (incident_stream) and
    the portal's board page (a session's principal). The stream waits on this process's board
    feed (board_feed: woken by dispatch's events and by the gateway's own dispatch answers; one
    `board` RPC per change, shared by every open stream) and, after STREAM_POLL quiet seconds,
    takes a recent board anyway, in case a change was never announced. ``shape`` turns
    dispatch's board into what the client draws (the page's rows); the API sends it as is."""
    allow(op, principal)
    shape = shape or _as_is
    version = FEED.version
    first = gw.rpc(*op.rpc, principal)  # a 4xx or 503 now, not inside the stream
    FEED.keep(principal, version, first)
    service, method = op.rpc
    board, timeout = getattr(getattr(gw, service), method), gw.settings.rpc_timeout
    request.environ["eventlet.minimum_write_chunk_size"] = 0  # flush every event

    def fetch():
        return call(board, principal, timeout=timeout, service=service)

    def events():
        snapshot, last, seen = first, None, version
        said = time.monotonic()
        ends = said + STREAM_SECONDS
        yield "retry: 2000\n\n"
        while time.monotonic() < ends:
            text = _text(snapshot, shape)
            if text != last:
                last, said = text, time.monotonic()
                yield f"data: {text}\n\n"
            elif time.monotonic() - said >= KEEPALIVE:
                said = time.monotonic()
                yield ": keepalive\n\n"
            woke = FEED.wait(seen, STREAM_POLL)
            seen = FEED.version
            try:
                snapshot = FEED.board(principal, fetch, None if woke else STREAM_POLL / 2)
            except AppError:
                pass  # dispatch busy or away: keep the last board, try again
    return Response(events(), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no",
                             "X-Content-Type-Options": "nosniff"})


def _as_is(board):
    return board


# shape -> (the board it was made from, its text): the streams share the feed's board; weak, so
# a stream's own shape (a closure) goes with it
_TEXTS = weakref.WeakKeyDictionary()


def _text(board, shape):
    """The event's JSON, made once per board and shape however many streams send it."""
    made = _TEXTS.get(shape)
    if made is None or made[0] is not board:
        made = _TEXTS[shape] = (board, json.dumps(shape(board), ensure_ascii=False,
                                                  sort_keys=True))
    return made[1]

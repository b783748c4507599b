"""Internet evidence (Art. 9(7)): takedown requests for harmful posts, tracked from request to
confirmed removal. Web captures themselves are uploads (handlers.uploads with a URL)."""
import uuid

from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import TakedownRequestV1, TakedownStatusV1
from weiquan.errors import Conflict, Invalid, NotFound

from evidence import access, events
from evidence.domain import takedown
from evidence.handlers import work
from evidence.repository import EvidenceRepository
from evidence.views import takedown_view


def request_takedown(db, clock, cases, case_no, command, principal):
    principal = access.principal_of(principal)
    access.require("request_takedown", principal)
    cmd = load_or_error(TakedownRequestV1, command)
    access.require_case("request_takedown", principal, cases, case_no)
    now = clock.now()
    row = {"id": str(uuid.uuid4()), "case_no": case_no, "url": cmd["url"],
           "platform": cmd["platform"], "capture_id": cmd.get("capture_id"),
           "status": "requested", "requested_by": principal["username"], "created_at": now,
           "version": 0, "history": [{"status": "requested", "at": now.isoformat(),
                                      "note": cmd.get("note"), "actor": principal["username"]}]}
    with db.uow() as uow:
        repo = EvidenceRepository(uow.session)
        if row["capture_id"]:
            capture = repo.capture(row["capture_id"])
            if capture is None or capture["case_no"] != case_no:
                raise Invalid.one("capture_id", "no_such_capture")
        repo.add_takedown(row)
        events.takedown_changed(uow, case_no, row["id"], "requested", now, principal, now)
        work.open_takedown(uow, repo, case_no, row["id"], principal, now)
    return takedown_view(row)


def change_takedown(db, clock, takedown_id, command, principal):
    """requested -> submitted -> removed | refused, each with its time and note."""
    principal = access.principal_of(principal)
    access.require("change_takedown", principal)
    cmd = load_or_error(TakedownStatusV1, command)
    now = clock.now()
    at = cmd.get("at") or now
    if at > now:
        raise Invalid.one("at", "in_future")
    with db.uow() as uow:
        repo = EvidenceRepository(uow.session)
        row = repo.takedown(takedown_id, for_update=True)
        if row is None:
            raise NotFound("takedown", takedown_id)
        takedown.require_transition(row["status"], cmd["status"])
        history = list(row["history"]) + [{"status": cmd["status"], "at": at.isoformat(),
                                           "note": cmd.get("note"),
                                           "actor": principal["username"]}]
        if not repo.save_takedown(row, cmd["status"], history):
            raise Conflict("concurrent_update")
        events.takedown_changed(uow, row["case_no"], takedown_id, cmd["status"], at,
                                principal, now)
        work.follow_takedown(uow, repo, row["case_no"], takedown_id, cmd["status"], principal,
                             now)
        row = repo.takedown(takedown_id)
    return takedown_view(row)


def get_takedown(db, takedown_id, principal):
    principal = access.principal_of(principal)
    access.require("read_takedown", principal)
    with db.session() as session:
        row = EvidenceRepository(session).takedown(takedown_id)
    if row is None:
        raise NotFound("takedown", takedown_id)
    return takedown_view(row)

"""Internet evidence (Art. 9(7)): takedown requests for harmful posts, tracked from request to
confirmed removal. Web captures themselves are uploads (see service.begin_upload with a URL).
Mixed into EvidenceService."""
import uuid

from nameko.rpc import rpc

from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import TakedownRequestV1, TakedownStatusV1
from weiquan.kit.errors import AppError, not_found, validation_error
from weiquan.kit.rpc import answers

from evidence import access, events
from evidence.domain.takedown import check_transition
from evidence.repository import EvidenceRepository
from evidence.views import takedown_view


class CaptureEntrypoints:

    @rpc
    @answers
    def request_takedown(self, case_no, command, principal):
        principal = self._principal(principal)
        access.require(principal, access.CYBER_ROLES)
        cmd = load_or_error(TakedownRequestV1, command)
        self._check_case(case_no, principal)
        now = self.clock.now()
        row = {"id": str(uuid.uuid4()), "case_no": case_no, "url": cmd["url"],
               "platform": cmd["platform"], "capture_id": cmd.get("capture_id"),
               "status": "requested", "requested_by": principal["username"], "created_at": now,
               "version": 0, "history": [{"status": "requested", "at": now.isoformat(),
                                          "note": cmd.get("note"),
                                          "actor": principal["username"]}]}
        with self.db.uow() as uow:
            repo = EvidenceRepository(uow.session)
            if row["capture_id"]:
                capture = repo.capture(row["capture_id"])
                if capture is None or capture["case_no"] != case_no:
                    raise validation_error({"capture_id": "该案件没有此网页取证 / No such web "
                                                          "capture on this case."})
            repo.add_takedown(row)
            events.takedown_changed(uow, case_no, row["id"], "requested", now, principal, now)
        return takedown_view(row)

    @rpc
    @answers
    def change_takedown(self, takedown_id, command, principal):
        """requested -> submitted -> removed | refused, each with its time and note."""
        principal = self._principal(principal)
        access.require(principal, access.CYBER_ROLES)
        cmd = load_or_error(TakedownStatusV1, command)
        now = self.clock.now()
        at = cmd.get("at") or now
        if at > now:
            raise validation_error({"at": "时间不能晚于当前时间 / Must not be in the future."})
        with self.db.uow() as uow:
            repo = EvidenceRepository(uow.session)
            row = repo.takedown(takedown_id, for_update=True)
            if row is None:
                raise not_found("下架请求", "Takedown request", takedown_id)
            reason = check_transition(row["status"], cmd["status"])
            if reason:
                raise AppError("invalid_transition", *reason.split(" / ", 1), status=409,
                               fields={"status": reason})
            history = list(row["history"]) + [{"status": cmd["status"], "at": at.isoformat(),
                                               "note": cmd.get("note"),
                                               "actor": principal["username"]}]
            if not repo.save_takedown(row, cmd["status"], history):
                raise AppError("concurrent_update", "请求已被他人修改，请重试",
                               "Changed by someone else meanwhile; retry", status=409)
            events.takedown_changed(uow, row["case_no"], takedown_id, cmd["status"], at,
                                    principal, now)
            row = repo.takedown(takedown_id)
        return takedown_view(row)

    @rpc
    @answers
    def get_takedown(self, takedown_id, principal):
        principal = self._principal(principal)
        access.require(principal, access.CYBER_ROLES + ("committee_office",
                                                        "committee_director"))
        with self.db.session() as session:
            row = EvidenceRepository(session).takedown(takedown_id)
        if row is None:
            raise not_found("下架请求", "Takedown request", takedown_id)
        return takedown_view(row)

"""The events evidence announces: ids, kinds, sizes, hashes and states, never file names,
post URLs or notes."""
from weiquan.config import TZ
from weiquan.contracts.events_work import work_payload


def registered(uow, row, actor, now, web_capture):
    return uow.emit("evidence", "evidence_registered", row["case_no"], actor, {
        "evidence_id": row["id"], "kind": row["kind"], "size": row["size"],
        "sha256": row["sha256"], "acquired_at": row["acquired_at"].astimezone(TZ).isoformat(),
        "web_capture": web_capture}, now)


def held(uow, row, actor, now, enforced):
    return uow.emit("evidence", "evidence_held", row["case_no"], actor, {
        "evidence_id": row["id"], "enforced": enforced}, now)


def takedown_changed(uow, case_no, takedown_id, status, at, actor, now):
    return uow.emit("evidence", "takedown_status_changed", case_no, actor, {
        "takedown_id": takedown_id, "status": status, "at": at.astimezone(TZ).isoformat()}, now)


def work(uow, event_type, item, actor, now):
    """The brigade's work item as it now is (work_opened / work_updated / work_closed): intake
    shows it on the case and lets the brigade see the case while it is open or done."""
    return uow.emit("evidence", event_type, item["case_no"], actor, work_payload(
        item["item_id"], "cyber_brigade", item["kind"], item["owner"], item["due_at"],
        item["state"], item["summary"]), now)

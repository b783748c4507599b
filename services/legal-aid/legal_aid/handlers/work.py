"""Legal affairs' work items (Art. 9, 19): one per classification, counsel assignment,
determination, appeal or review, and one liaison chain per case. Each change commits with
its work event in the caller's unit of work; intake projects it onto the case."""
from weiquan.contracts.codes import WORK_KIND_LABELS_ZH

from legal_aid import events
from legal_aid.handlers.common import new_id

DEPARTMENT = "legal_affairs"


def open_item(uow, repo, case_no, kind, ref, actor, now, summary=None, owner=DEPARTMENT):
    """The item of ``ref``, opened once (an existing one is returned as it is)."""
    existing = repo.work_item(case_no, kind, ref, for_update=True)
    if existing is not None:
        return existing
    item = repo.add("work_item", id=new_id(), case_no=case_no, kind=kind, ref=ref,
                    owner=owner, state="open", summary=summary or WORK_KIND_LABELS_ZH[kind],
                    opened_at=now, updated_at=now)
    events.work(uow, item, "work_opened", actor, now)
    return item


def _move(uow, repo, item, state, event_type, actor, now, summary=None):
    values = {"state": state, "updated_at": now}
    if summary:
        values["summary"] = summary
    repo.set("work_item", item["id"], **values)
    events.work(uow, {**item, **values}, event_type, actor, now)


def update_item(uow, repo, case_no, kind, ref, actor, now, summary=None):
    item = repo.work_item(case_no, kind, ref, for_update=True)
    if item is not None and item["state"] == "open":
        _move(uow, repo, item, "open", "work_updated", actor, now, summary)


def close_item(uow, repo, case_no, kind, ref, actor, now, summary=None, state="done"):
    item = repo.work_item(case_no, kind, ref, for_update=True)
    if item is not None and item["state"] == "open":
        _move(uow, repo, item, state, "work_closed", actor, now, summary)


def item_view(item):
    from legal_aid.handlers.common import iso
    return {"item_id": item["id"], "case_no": item["case_no"], "kind": item["kind"],
            "state": item["state"], "summary": item["summary"], "owner": item["owner"],
            "opened_at": iso(item["opened_at"]), "updated_at": iso(item["updated_at"])}

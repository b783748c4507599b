"""Liaison with the procuratorate and courts (Art. 33), one ``liaison`` item per case for the
chain of records, and the read side: a case's legal file and the legal affairs queue."""
from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.codes import WORK_KINDS
from weiquan.contracts.legal_aid import LegalWorkQueryV1, LiaisonV1
from weiquan.errors import Invalid

from legal_aid.handlers import classification, work
from legal_aid.handlers.common import authorized, iso, new_id
from legal_aid.handlers.counsel import assignment_view
from legal_aid.handlers.liability import appeal_view, determination_view, review_view
from legal_aid.handlers.offenders import case_offenders_view
from legal_aid.repository import LegalRepository


def liaison_view(row):
    return {"liaison_id": row["id"], "case_no": row["case_no"], "body": row["body"],
            "date": iso(row["date"]), "kind": row["kind"], "note": row["note"],
            "recorded_by": row["recorded_by"], "recorded_at": iso(row["recorded_at"])}


def record_liaison(store, now, command, principal, case_of):
    principal = authorized(principal, "record_liaison")
    cmd = load_or_error(LiaisonV1, command)
    case_of(cmd["case_no"])
    made = new_id()
    with store.uow() as uow:
        repo = LegalRepository(uow.session)
        row = repo.add("liaison", id=made, case_no=cmd["case_no"], body=cmd["body"],
                       date=cmd["date"], kind=cmd["kind"], note=cmd["note"],
                       recorded_by=principal["username"], recorded_at=now)
        if repo.work_item(cmd["case_no"], "liaison", cmd["case_no"]) is None:
            work.open_item(uow, repo, cmd["case_no"], "liaison", cmd["case_no"], principal,
                           now, "检法联络")
        else:
            work.update_item(uow, repo, cmd["case_no"], "liaison", cmd["case_no"], principal,
                             now, "检法联络：已登记新的联络记录")
    return liaison_view(row)


def case_file(store, case_no, principal):
    """Everything legal affairs holds on a case; offenders only for those who may read them."""
    principal = authorized(principal, "read_legal")
    with store.session() as session:
        repo = LegalRepository(session)
        cls = repo.get("classification", case_no)
        answer = {
            "case_no": case_no,
            "classification": None if cls is None else classification.view(cls),
            "assignments": [assignment_view(repo, a) for a in
                            repo.where("assignment", order=["assigned_at"], case_no=case_no)],
            "determinations": [determination_view(r) for r in repo.where(
                "determination", order=["decided_at"], case_no=case_no)],
            "appeals": [appeal_view(r) for r in repo.where("appeal", order=["filed_at"],
                                                           case_no=case_no)],
            "reviews": [review_view(r) for r in repo.where("review", order=["filed_at"],
                                                           case_no=case_no)],
            "liaisons": [liaison_view(r) for r in repo.where("liaison", order=["date", "id"],
                                                             case_no=case_no)],
            "work_items": [work.item_view(i) for i in repo.where(
                "work_item", order=["opened_at"], case_no=case_no)],
        }
    answer["offenders"] = case_offenders_view(store, case_no)["items"] \
        if policy.allowed("legal_aid", "read_offenders", principal) else None
    return answer


def list_work(store, filters, principal):
    """Open legal work items, oldest first (the /legal queue)."""
    authorized(principal, "read_legal")
    query = load_or_error(LegalWorkQueryV1, filters or {})
    conditions = {"state": "open"}
    if query.get("kind"):
        if query["kind"] not in WORK_KINDS["legal_affairs"]:
            raise Invalid.one("kind", "unknown_work_kind", kind=query["kind"])
        conditions["kind"] = query["kind"]
    page, size = query.get("page", 1), query.get("page_size", 20)
    with store.session() as session:
        repo = LegalRepository(session)
        total = repo.count("work_item", **conditions)
        items = repo.where("work_item", order=["opened_at", "id"], limit=size,
                           offset=(page - 1) * size, **conditions)
    return {"items": [work.item_view(i) for i in items], "page": page, "page_size": size,
            "total": total}

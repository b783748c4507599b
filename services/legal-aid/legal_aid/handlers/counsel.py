"""Special legal counsel (Art. 25): the roster, assignments to cases with recusal (a counsel
with a conflict is never assigned, even when the only one free), work logs, and fee claims
sent to logistics as ``legal_aid.counsel_fee_claimed`` (one payment per claim id)."""
from datetime import date

from weiquan.contracts.base import load_or_error
from weiquan.contracts.legal_aid import AssignCounselV1, CounselV1, FeeClaimV1, WorkLogV1
from weiquan.errors import Conflict, NotFound

from legal_aid import events
from legal_aid.domain import counsel as rules
from legal_aid.domain.offenders import OffenderRecord
from legal_aid.handlers import work
from legal_aid.handlers.common import authorized, found, iso, new_id
from legal_aid.repository import LegalRepository


def _jsonable_relations(relations):
    out = []
    for rel in relations:
        person = rel.get("person")
        if person:
            person = {**person, "birth_date": iso(person.get("birth_date"))}
        out.append({"kind": rel["kind"], "person": person, "case_no": rel.get("case_no")})
    return out


def _person(raw, case_no=""):
    if not raw:
        return None
    born = raw.get("birth_date")
    return OffenderRecord(id="", case_no=case_no, name=raw.get("name") or "",
                          id_number=raw.get("id_number"), phone=raw.get("phone"),
                          birth_date=date.fromisoformat(born) if isinstance(born, str) else born)


def domain_counsel(row, load):
    return rules.Counsel(
        id=row["id"], name=row["name"], firm=row["firm"], specialities=tuple(row["specialities"]),
        load=load, capacity=row["capacity"], active=row["active"], id_number=row["id_number"],
        phone=row["phone"], relations=tuple(
            rules.Relation(kind=r["kind"], person=_person(r.get("person")),
                           case_no=r.get("case_no")) for r in row["relations"]))


def _values(cmd, principal, now):
    rules.validate_counsel(cmd)
    return {"name": cmd["name"].strip(), "firm": cmd["firm"].strip(),
            "specialities": list(cmd["specialities"]), "id_number": cmd["id_number"],
            "phone": cmd["phone"], "capacity": cmd["capacity"], "active": cmd["active"],
            "relations": _jsonable_relations(cmd["relations"]),
            "updated_by": principal["username"], "updated_at": now}


def create_counsel(store, now, command, principal):
    principal = authorized(principal, "manage_counsel")
    values = _values(load_or_error(CounselV1, command), principal, now)
    counsel_id = new_id()
    with store.uow() as uow:
        LegalRepository(uow.session).add("counsel", id=counsel_id, **values)
    return get_counsel_view(store, counsel_id)


def update_counsel(store, now, counsel_id, command, principal):
    principal = authorized(principal, "manage_counsel")
    values = _values(load_or_error(CounselV1, command), principal, now)
    with store.uow() as uow:
        repo = LegalRepository(uow.session)
        found(repo, "counsel", counsel_id, for_update=True)
        repo.set("counsel", counsel_id, **values)
    return get_counsel_view(store, counsel_id)


def counsel_view(row, load):
    return {"counsel_id": row["id"], "name": row["name"], "firm": row["firm"],
            "specialities": list(row["specialities"]), "id_number": row["id_number"],
            "phone": row["phone"], "capacity": row["capacity"], "active": row["active"],
            "relations": row["relations"], "load": load,
            "free": bool(row["active"] and load < row["capacity"])}


def get_counsel_view(store, counsel_id):
    with store.session() as session:
        repo = LegalRepository(session)
        row = found(repo, "counsel", counsel_id)
        return counsel_view(row, repo.open_loads().get(counsel_id, 0))


def get_counsel(store, counsel_id, principal):
    authorized(principal, "read_legal")
    return get_counsel_view(store, counsel_id)


def list_counsel(store, principal):
    authorized(principal, "read_legal")
    with store.session() as session:
        repo = LegalRepository(session)
        loads = repo.open_loads()
        rows = repo.where("counsel", order=["name", "id"])
    return {"items": [counsel_view(r, loads.get(r["id"], 0)) for r in rows], "total": len(rows)}


# ---- assignments ---------------------------------------------------------------------------
def _parties(repo, case_no, case):
    officer = (case or {}).get("officer") or {}
    officers = (OffenderRecord(id="officer", case_no=case_no, name=officer.get("name") or ""),) \
        if officer.get("name") else ()
    offenders = tuple(OffenderRecord(id=r["id"], case_no=r["case_no"], name=r["name"],
                                     id_number=r["id_number"], phone=r["phone"],
                                     birth_date=r["birth_date"])
                      for r in repo.offenders_like(case_no))
    return rules.Parties(case_no=case_no, officers=officers, offenders=offenders)


def assign(store, now, command, principal, case_of):
    """The named counsel (checked) or the least loaded free one without a conflict; nothing
    is written when the assignment is refused."""
    principal = authorized(principal, "assign_counsel")
    cmd = load_or_error(AssignCounselV1, command)
    case_no = cmd["case_no"]
    case = case_of(case_no)
    assignment_id = new_id()
    with store.uow() as uow:
        repo = LegalRepository(uow.session)
        loads = repo.open_loads()
        already = {a["counsel_id"] for a in repo.where("assignment", case_no=case_no,
                                                       state="open")}
        parties = _parties(repo, case_no, case)
        if cmd["counsel_id"]:
            row = repo.get("counsel", cmd["counsel_id"], for_update=True)
            if row is None:
                raise NotFound("counsel", cmd["counsel_id"])
            if row["id"] in already:
                raise Conflict("counsel_already_assigned", counsel=row["name"])
            chosen = domain_counsel(row, loads.get(row["id"], 0))
            rules.check(chosen, parties)
            passed_over = ()
        else:
            roster = [domain_counsel(r, loads.get(r["id"], 0))
                      for r in repo.where("counsel") if r["id"] not in already]
            made = rules.assign(roster, cmd["speciality"], parties)
            chosen, passed_over = made.counsel, made.passed_over
        repo.add("assignment", id=assignment_id, case_no=case_no, counsel_id=chosen.id,
                 speciality=cmd["speciality"], state="open",
                 passed_over=[[cid, list(codes)] for cid, codes in passed_over],
                 assigned_by=principal["username"], assigned_at=now)
        work.open_item(uow, repo, case_no, "counsel", assignment_id, principal, now,
                       "已指派法律顾问")
    return get_assignment_view(store, assignment_id)


def assignment_view(repo, row):
    c = repo.get("counsel", row["counsel_id"])
    logs = repo.where("work_log", order=["date", "logged_at"], assignment_id=row["id"])
    claims = repo.where("fee_claim", order=["claimed_at"], assignment_id=row["id"])
    return {"assignment_id": row["id"], "case_no": row["case_no"],
            "counsel_id": row["counsel_id"], "counsel_name": c["name"], "firm": c["firm"],
            "speciality": row["speciality"], "state": row["state"],
            "passed_over": [{"counsel_id": cid, "conflicts": codes}
                            for cid, codes in row["passed_over"]],
            "assigned_by": row["assigned_by"], "assigned_at": iso(row["assigned_at"]),
            "work_logs": [{"log_id": w["id"], "date": iso(w["date"]), "hours": w["hours"],
                           "note": w["note"], "logged_by": w["logged_by"]} for w in logs],
            "hours_total": sum(w["hours"] for w in logs),
            "fee_claims": [{"claim_id": f["claim_id"], "amount_fen": f["amount_fen"],
                            "period": f["period"], "claimed_by": f["claimed_by"],
                            "claimed_at": iso(f["claimed_at"])} for f in claims]}


def get_assignment_view(store, assignment_id):
    with store.session() as session:
        repo = LegalRepository(session)
        return assignment_view(repo, found(repo, "assignment", assignment_id))


def get_assignment(store, assignment_id, principal):
    authorized(principal, "read_legal")
    return get_assignment_view(store, assignment_id)


def _open_assignment(repo, assignment_id):
    row = found(repo, "assignment", assignment_id, for_update=True)
    if row["state"] != "open":
        raise Conflict("assignment_closed", assignment_id=assignment_id)
    return row


def log_work(store, now, assignment_id, command, principal):
    principal = authorized(principal, "log_counsel_work")
    cmd = load_or_error(WorkLogV1, command)
    with store.uow() as uow:
        repo = LegalRepository(uow.session)
        row = _open_assignment(repo, assignment_id)
        repo.add("work_log", id=new_id(), assignment_id=assignment_id, date=cmd["date"],
                 hours=cmd["hours"], note=cmd["note"], logged_by=principal["username"],
                 logged_at=now)
        work.update_item(uow, repo, row["case_no"], "counsel", assignment_id, principal, now,
                         "法律顾问服务：已登记工作记录")
    return get_assignment_view(store, assignment_id)


def claim_fee(store, now, assignment_id, command, principal):
    """Once per claim id: a repeated claim answers as the first; the same id on another
    assignment is a conflict."""
    principal = authorized(principal, "claim_counsel_fee")
    cmd = load_or_error(FeeClaimV1, command)
    with store.uow() as uow:
        repo = LegalRepository(uow.session)
        row = found(repo, "assignment", assignment_id, for_update=True)
        existing = repo.get("fee_claim", cmd["claim_id"])
        if existing is not None:
            if existing["assignment_id"] != assignment_id:
                raise Conflict("claim_id_used", claim_id=cmd["claim_id"])
        else:
            claim = repo.add("fee_claim", claim_id=cmd["claim_id"],
                             assignment_id=assignment_id, amount_fen=cmd["amount"],
                             period=cmd["period"], claimed_by=principal["username"],
                             claimed_at=now)
            events.fee_claimed(uow, row["case_no"], claim, repo.get("counsel", row["counsel_id"]),
                               principal, now)
    return get_assignment_view(store, assignment_id)


def close_assignment(store, now, assignment_id, principal):
    principal = authorized(principal, "assign_counsel")
    with store.uow() as uow:
        repo = LegalRepository(uow.session)
        row = _open_assignment(repo, assignment_id)
        repo.set("assignment", assignment_id, state="closed")
        work.close_item(uow, repo, row["case_no"], "counsel", assignment_id, principal, now,
                        "法律顾问服务已结束")
    return get_assignment_view(store, assignment_id)

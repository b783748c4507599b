"""Offenders (Art. 20, 35): recorded per case by the committee office or legal affairs,
matched across cases (domain.offenders.group: the same ID or mobile, or name with birth
date; a common name alone never merges), each shown with the other cases they touch, and a
list of the people on more than one case. Only committee roles and legal affairs read them;
``redaction_terms`` gives publicity the names and numbers to black out, nothing else."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.legal_aid import OffenderV1

from legal_aid.domain import offenders as rules
from legal_aid.handlers.common import authorized, iso, new_id, today
from legal_aid.repository import LegalRepository


def _record(row):
    return rules.OffenderRecord(id=row["id"], case_no=row["case_no"], name=row["name"],
                                id_number=row["id_number"], phone=row["phone"],
                                birth_date=row["birth_date"])


def offender_view(row, person=None):
    others = [c for c in (person.case_nos if person else ()) if c != row["case_no"]]
    return {"offender_id": row["id"], "case_no": row["case_no"], "name": row["name"],
            "id_number": row["id_number"], "phone": row["phone"],
            "birth_date": iso(row["birth_date"]), "relation": row["relation"],
            "conduct": row["conduct"], "pursuit": row["pursuit"],
            "recorded_by": row["recorded_by"], "recorded_at": iso(row["recorded_at"]),
            "other_cases": others,
            "linked_by": list(person.linked_by) if person and others else []}


def record(store, now, case_no, command, principal, case_of):
    principal = authorized(principal, "record_offender")
    cmd = load_or_error(OffenderV1, command)
    made = new_id()
    rules.check_record(rules.OffenderRecord(id=made, case_no=case_no, name=cmd["name"],
                                            id_number=cmd["id_number"], phone=cmd["phone"],
                                            birth_date=cmd["birth_date"]), today(now))
    case_of(case_no)
    with store.uow() as uow:
        LegalRepository(uow.session).add(
            "offender", id=made, case_no=case_no, name=cmd["name"].strip(),
            id_number=cmd["id_number"], phone=cmd["phone"], birth_date=cmd["birth_date"],
            relation=cmd["relation"], conduct=cmd["conduct"], pursuit=cmd["pursuit"],
            recorded_by=principal["username"], recorded_at=now)
    return _one(store, made)


def _people(repo):
    rows = repo.offenders_like()
    people = rules.group([_record(r) for r in rows])
    by_record = {rid: p for p in people for rid in p.record_ids}
    return rows, people, by_record


def _one(store, offender_id):
    with store.session() as session:
        rows, _, by_record = _people(LegalRepository(session))
    row = next(r for r in rows if r["id"] == offender_id)
    return offender_view(row, by_record[offender_id])


def case_offenders_view(store, case_no):
    """Matching needs every record; the grouping is linear-ish (union-find)."""
    with store.session() as session:
        rows, _, by_record = _people(LegalRepository(session))
    items = [offender_view(r, by_record[r["id"]]) for r in rows if r["case_no"] == case_no]
    return {"case_no": case_no, "items": items, "total": len(items)}


def list_for_case(store, case_no, principal):
    authorized(principal, "read_offenders")
    return case_offenders_view(store, case_no)


def repeat_offenders(store, principal):
    """The people on more than one case (Art. 35), each with their records."""
    authorized(principal, "read_offenders")
    with store.session() as session:
        rows, people, by_record = _people(LegalRepository(session))
    by_id = {r["id"]: r for r in rows}
    items = []
    for person in people:
        if len(person.case_nos) < 2:
            continue
        records = [by_id[rid] for rid in person.record_ids]
        items.append({"names": sorted({r["name"] for r in records}),
                      "case_nos": list(person.case_nos), "linked_by": list(person.linked_by),
                      "records": [offender_view(r, person) for r in records]})
    return {"items": items, "total": len(items)}


def redaction_terms(store, case_no, principal):
    """For publicity only (no HTTP operation): what to black out in a published text."""
    authorized(principal, "redaction_terms")
    with store.session() as session:
        rows = LegalRepository(session).offenders_like(case_no)
    return {"people": [{"name": r["name"], "id_number": r["id_number"], "phone": r["phone"]}
                       for r in rows]}

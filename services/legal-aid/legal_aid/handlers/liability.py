"""Liability determinations (Art. 22, 23) with the leniency recommendation letter, appeals
against accountability or discipline that may never worsen the outcome (Art. 24 para. 1),
and reviews of unfair internal discipline ending in revocation (Art. 24 para. 2), which
``legal_aid.discipline_revoked`` tells publicity about (Art. 30)."""
from weiquan.config import TZ
from weiquan.contracts.base import load_or_error
from weiquan.contracts.codes import DISCIPLINE_OUTCOME_LABELS_ZH
from weiquan.contracts.legal_aid import (LegalAppealV1, DecideAppealV1, DecideReviewV1,
                                         DeterminationV1, ReviewV1)
from weiquan.errors import Conflict, Invalid

from legal_aid import events
from legal_aid.domain import liability, severity
from legal_aid.handlers import work
from legal_aid.handlers.common import authorized, committee_decides, found, iso, new_id
from legal_aid.repository import LegalRepository


def _domain(row):
    return liability.Determination(
        officer=row["officer"], team=tuple(row["team"]), findings=row["findings"],
        classification=row["classification"], outcome=row["outcome"],
        mitigating_factors=tuple(row["mitigating_factors"]))


def determination_view(row):
    d = _domain(row)
    return {"determination_id": row["id"], "case_no": row["case_no"], "officer": row["officer"],
            "team": list(row["team"]), "findings": row["findings"],
            "classification": row["classification"], "outcome": row["outcome"],
            "mitigating_factors": list(row["mitigating_factors"]),
            "leniency_letter": d.leniency_letter_possible,
            "decided_by": row["decided_by"], "decided_at": iso(row["decided_at"])}


def record_determination(store, now, command, principal, case_of):
    principal = authorized(principal, "record_determination")
    cmd = load_or_error(DeterminationV1, command)
    d = liability.determine(cmd["officer"], cmd["team"], cmd["findings"],
                            cmd["classification"], cmd["outcome"], cmd["mitigating_factors"])
    case_of(cmd["case_no"])
    made = new_id()
    with store.uow() as uow:
        repo = LegalRepository(uow.session)
        repo.add("determination", id=made, case_no=cmd["case_no"], officer=d.officer,
                 team=list(d.team), findings=d.findings, classification=d.classification,
                 outcome=d.outcome, mitigating_factors=list(d.mitigating_factors),
                 decided_by=principal["username"], decided_at=now)
        work.open_item(uow, repo, cmd["case_no"], "liability_determination", made, principal,
                       now, "责任认定")
        work.close_item(uow, repo, cmd["case_no"], "liability_determination", made, principal,
                        now, "责任认定已作出")
    return get_determination_view(store, made)


def get_determination_view(store, determination_id):
    with store.session() as session:
        return determination_view(found(LegalRepository(session), "determination",
                                        determination_id))


def get_determination(store, determination_id, principal):
    authorized(principal, "read_legal")
    return get_determination_view(store, determination_id)


def leniency_letter(store, now, determination_id, principal):
    """Art. 23: the recommendation to the procuratorate or court, as Chinese text."""
    authorized(principal, "read_legal")
    with store.session() as session:
        row = found(LegalRepository(session), "determination", determination_id)
    d = _domain(row)
    if not d.leniency_letter_possible:
        raise Conflict("no_leniency_letter", determination_id=determination_id)
    factors = "；".join(f"{i}. {label}" for i, label in enumerate(d.mitigating_labels_zh(), 1))
    day = row["decided_at"].astimezone(TZ)
    text = (
        "关于建议对涉案民警从宽处理的函\n\n"
        "人民检察院、人民法院：\n\n"
        f"    我局在办理维权案件（编号 {row['case_no']}）过程中，经调查组调查，"
        f"对民警（警号 {row['officer']}）的履职行为作出责任认定。经查，存在下列"
        f"《公安机关维护民警执法权威工作规定》第二十三条规定的情形：\n\n    {factors}。\n\n"
        "    依照上述规定，应当从轻、减轻或者免于追究。特此函告，建议在依法处理时"
        "予以从宽考虑。\n\n"
        f"公安机关民警维权工作委员会（法制大队代章）\n{day.year}年{day.month}月{day.day}日\n")
    return {"determination_id": determination_id, "case_no": row["case_no"], "text": text}


# ---- appeals (Art. 24 para. 1) -------------------------------------------------------------
def appeal_view(row):
    return {"appeal_id": row["id"], "case_no": row["case_no"], "scale": row["scale"],
            "appealed": row["appealed"], "determination_id": row["determination_id"],
            "statement": row["statement"], "state": row["state"], "outcome": row["outcome"],
            "result": row["result"], "committee_approved": row["committee_approved"],
            "reason": row["reason"], "filed_by": row["filed_by"],
            "filed_at": iso(row["filed_at"]), "decided_by": row["decided_by"],
            "decided_at": iso(row["decided_at"])}


def _kind(scale):
    return "liability_determination" if scale == "liability" else "discipline_review"


def file_appeal(store, now, command, principal, case_of):
    principal = authorized(principal, "file_appeal")
    cmd = load_or_error(LegalAppealV1, command)
    severity.rank(cmd["scale"], cmd["appealed"], "appealed")
    case_of(cmd["case_no"])
    made = new_id()
    with store.uow() as uow:
        repo = LegalRepository(uow.session)
        if cmd["determination_id"]:
            det = repo.get("determination", cmd["determination_id"])
            if det is None or det["case_no"] != cmd["case_no"]:
                raise Invalid.one("determination_id", "appeal_no_determination")
        repo.add("appeal", id=made, case_no=cmd["case_no"], scale=cmd["scale"],
                 appealed=cmd["appealed"], determination_id=cmd["determination_id"],
                 statement=cmd["statement"], state="open", filed_by=principal["username"],
                 filed_at=now)
        work.open_item(uow, repo, cmd["case_no"], _kind(cmd["scale"]), made, principal, now,
                       "民警申诉待处理")
    return get_view(store, "appeal", made, appeal_view)


def decide_appeal(store, now, appeal_id, command, principal):
    principal = authorized(principal, "decide_appeal")
    cmd = load_or_error(DecideAppealV1, command)
    with store.uow() as uow:
        repo = LegalRepository(uow.session)
        row = found(repo, "appeal", appeal_id, for_update=True)
        if row["state"] != "open":
            raise Conflict("appeal_decided", appeal_id=appeal_id)
        decision = severity.decide_appeal(row["scale"], row["appealed"], cmd["outcome"],
                                          committee_decides(principal))
        repo.set("appeal", appeal_id, state="decided", outcome=decision.outcome,
                 result=decision.result, committee_approved=committee_decides(principal),
                 reason=cmd["reason"], decided_by=principal["username"], decided_at=now)
        work.close_item(uow, repo, row["case_no"], _kind(row["scale"]), appeal_id, principal,
                        now, "申诉已作出决定")
    return get_view(store, "appeal", appeal_id, appeal_view)


def get_view(store, what, key, to_view):
    with store.session() as session:
        return to_view(found(LegalRepository(session), what, key))


# ---- reviews of internal discipline (Art. 24 para. 2) --------------------------------------
def review_view(row):
    return {"review_id": row["id"], "case_no": row["case_no"], "discipline": row["discipline"],
            "discipline_label": DISCIPLINE_OUTCOME_LABELS_ZH.get(row["discipline"]),
            "complaint": row["complaint"], "state": row["state"], "result": row["result"],
            "grounds": list(row["grounds"]), "committee_approved": row["committee_approved"],
            "note": row["note"], "filed_by": row["filed_by"], "filed_at": iso(row["filed_at"]),
            "decided_by": row["decided_by"], "decided_at": iso(row["decided_at"])}


def file_review(store, now, command, principal, case_of):
    principal = authorized(principal, "file_review")
    cmd = load_or_error(ReviewV1, command)
    if severity.rank("discipline", cmd["discipline"], "discipline") == 0:
        raise Invalid.one("discipline", "nothing_to_review", discipline=cmd["discipline"])
    case_of(cmd["case_no"])
    made = new_id()
    with store.uow() as uow:
        repo = LegalRepository(uow.session)
        repo.add("review", id=made, case_no=cmd["case_no"], discipline=cmd["discipline"],
                 complaint=cmd["complaint"], state="open", grounds=[],
                 filed_by=principal["username"], filed_at=now)
        work.open_item(uow, repo, cmd["case_no"], "discipline_review", made, principal, now,
                       "不当处理复查")
    return get_view(store, "review", made, review_view)


def decide_review(store, now, review_id, command, principal):
    principal = authorized(principal, "decide_review")
    cmd = load_or_error(DecideReviewV1, command)
    with store.uow() as uow:
        repo = LegalRepository(uow.session)
        row = found(repo, "review", review_id, for_update=True)
        if row["state"] != "open":
            raise Conflict("review_decided", review_id=review_id)
        decision = severity.decide_discipline_review(row["discipline"], cmd["confirmed"],
                                                     cmd["grounds"], committee_decides(principal))
        values = {"state": "decided", "result": decision.result,
                  "grounds": list(decision.grounds),
                  "committee_approved": committee_decides(principal), "note": cmd["note"],
                  "decided_by": principal["username"], "decided_at": now}
        repo.set("review", review_id, **values)
        if decision.result == "revoked":
            events.discipline_revoked(uow, {**row, **values}, principal, now)
        work.close_item(uow, repo, row["case_no"], "discipline_review", review_id, principal,
                        now, "复查结论：撤销处理决定" if decision.result == "revoked"
                        else "复查结论：维持原处理")
    return get_view(store, "review", review_id, review_view)

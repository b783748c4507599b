"""The application form (SubmitApplicationV1) as HTML fields and back: field names are the
contract's dotted paths (applicant.name), so the contract's error object (`fields`, keyed by
the same paths) lands next to the field it is about. Times are typed as local Asia/Shanghai
date and time (datetime-local); the contract wants them with their offset."""
import uuid
from datetime import datetime

from weiquan.config import TZ
from weiquan.contracts.codes import CATEGORIES, CHANNELS

from gateway.labels import (APPLICANT_TYPE_LABELS_ZH, CATEGORY_LABELS_ZH, CHANNEL_LABELS_ZH,
                            PERSONNEL_TYPE_LABELS_ZH, RELATION_LABELS_ZH)

OFFICE = "committee_office"
FLAGS = ("incident.ongoing", "incident.off_duty", "incident.anti_gang", "incident.injury")
TEXTS = ("applicant.type", "applicant.name", "applicant.relation", "applicant.unit_name",
         "applicant.phone", "officer.police_id", "officer.name", "officer.unit",
         "officer.personnel_type", "channel", "category", "incident.occurred_at",
         "incident.place", "incident.description", "received_at")
OPTIONAL = {"applicant.relation", "applicant.unit_name", "applicant.phone", "received_at"}
TIMES = {"incident.occurred_at", "received_at"}
LABELS = {
    "applicant.type": "申请人类型", "applicant.name": "申请人姓名",
    "applicant.relation": "与民警的关系（近亲属申请时填写）",
    "applicant.unit_name": "单位名称（单位申请时填写）", "applicant.phone": "联系电话",
    "officer.name": "民警姓名", "officer.police_id": "警号", "officer.unit": "所在单位",
    "officer.personnel_type": "人员类别", "category": "侵权情形（第十一条）",
    "incident.occurred_at": "发生时间", "incident.place": "发生地点",
    "incident.description": "经过", "incident.ongoing": "侵权行为仍在持续",
    "incident.off_duty": "发生在非工作时间", "incident.anti_gang": "涉及黑恶势力",
    "incident.injury": "民警受伤", "channel": "申请渠道", "received_at": "收件时间",
}
_TYPE_OF_ROLE = {"officer": "officer", "relative": "relative", "unit_liaison": "unit"}


def aware(value):
    """'2026-11-30T09:15' (datetime-local) -> '2026-11-30T09:15:00+08:00'; anything else as
    typed, for the contract to name what is wrong with it."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return (moment.replace(tzinfo=TZ) if moment.tzinfo is None else moment).isoformat()


def body_from(form):
    """The request body the JSON API would get, from the posted form."""
    body = {"applicant": {}, "officer": {}, "incident": {}}
    for name in TEXTS:
        value = (form.get(name) or "").strip()
        if name in OPTIONAL and not value:
            continue
        if name in TIMES and value:
            value = aware(value)
        head, _, tail = name.partition(".")
        if tail:
            body[head][tail] = value
        else:
            body[head] = value
    for name in FLAGS:
        body["incident"][name.split(".")[1]] = form.get(name) == "on"
    return body


def defaults(principal):
    """A new form, filled in from who is applying: their own type, name, police id, unit."""
    roles = set(principal["roles"])
    own = next((t for r, t in _TYPE_OF_ROLE.items() if r in roles), None)
    values = {"applicant.type": own or "relative", "officer.personnel_type": "regular",
              "category": "", "channel": "written" if OFFICE in roles else "intranet",
              "idem": uuid.uuid4().hex}
    if own in ("officer", "relative"):
        values["applicant.name"] = principal.get("name") or ""
    if own == "officer":
        values.update({"officer.police_id": principal.get("police_id") or "",
                       "officer.name": principal.get("name") or "",
                       "officer.unit": principal.get("unit") or ""})
    if own == "unit":
        values.update({"applicant.name": principal.get("name") or "",
                       "applicant.unit_name": principal.get("unit") or "",
                       "officer.unit": principal.get("unit") or ""})
    return values


def choices(principal):
    """The select lists, with Chinese labels; the committee office keys in written ones only,
    applicants file online (intake refuses anything else, Art. 12)."""
    office = OFFICE in principal["roles"]
    return {
        "category": [(c, CATEGORY_LABELS_ZH[c]) for c in CATEGORIES],
        "channel": [(c, CHANNEL_LABELS_ZH[c]) for c in CHANNELS
                    if (c == "written") == office],
        "applicant.type": list(APPLICANT_TYPE_LABELS_ZH.items()),
        "applicant.relation": list(RELATION_LABELS_ZH.items()),
        "officer.personnel_type": list(PERSONNEL_TYPE_LABELS_ZH.items()),
    }

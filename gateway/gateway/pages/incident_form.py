"""The command center's forms as HTML fields and back: a live incident (ReportIncidentV1) and a
protective order (ProtectiveOrderV1). Field names are the contract's paths (officers.0.name),
so its error object lands next to the field it is about. A list is a few numbered rows; the
empty rows are left out, and the errors of the rows sent are numbered back to their row."""
import re

from weiquan.contracts.codes import (CATEGORIES, PERSONNEL_TYPES, PROTECTED_PERSON_TYPES,
                                     RELATIONS)

from gateway.labels import (CATEGORY_LABELS_ZH, PERSONNEL_TYPE_LABELS_ZH,
                            PROTECTED_PERSON_TYPE_LABELS_ZH, RELATION_LABELS_ZH)
from gateway.pages.application_form import aware

SLOTS = 3  # rows of officers / protected persons a form offers
OFFICER_FIELDS = ("name", "police_id", "unit")
PERSON_FIELDS = ("type", "name", "police_id", "relation")
INCIDENT_FLAGS = ("ongoing", "injury", "anti_gang", "off_duty")
LABELS = {
    "category": "侵权情形（第十一条）", "place": "发生地点", "description": "警情经过",
    "ongoing": "侵权行为仍在持续", "injury": "民警受伤", "anti_gang": "涉及黑恶势力（第三十四条）",
    "off_duty": "非工作时间表明身份、依法履职（第三十七条）",
    "personnel_type": "人员类别（第三十八条）",
    "officers": "涉事民警", "name": "姓名", "police_id": "警号", "unit": "所在单位",
    "persons": "保护对象", "type": "类型", "relation": "与民警的关系",
    "measures": "保护措施（每行一项）", "address": "住址（仅指挥中心可见）",
    "valid_until": "有效期至", "case_no": "案件编号", "incident_id": "警情编号",
    "unit_ids": "调派警力",
}


def label_of(name):
    """officers.1.police_id -> 民警 2 警号; persons.0.name -> 保护对象 1 姓名."""
    match = re.fullmatch(r"(officers|persons)\.(\d+)\.(\w+)", name)
    if match:
        who = "民警" if match.group(1) == "officers" else "保护对象"
        return f"{who} {int(match.group(2)) + 1} {LABELS.get(match.group(3), match.group(3))}"
    return LABELS.get(name, name)


def rows_from(form, prefix, names):
    """(rows, slot of each row) of the filled-in numbered rows prefix.N.name."""
    rows, slots = [], []
    for slot in range(SLOTS):
        row = {n: (form.get(f"{prefix}.{slot}.{n}") or "").strip() for n in names}
        row = {n: v for n, v in row.items() if v}
        if row:
            rows.append(row)
            slots.append(slot)
    return rows, slots


def renumber(errors, prefix, slots):
    """officers.1.name of the body sent -> officers.<its form row>.name."""
    def one(name):
        match = re.fullmatch(rf"{prefix}\.(\d+)(\..+)?", name)
        if not match or int(match.group(1)) >= len(slots):
            return name
        return f"{prefix}.{slots[int(match.group(1))]}{match.group(2) or ''}"
    return {one(name): text for name, text in errors.items()}


def incident_body(form):
    """(the JSON API's body, the form row of each officer sent). A row is sent when a text
    field of it is filled; its personnel type (a select, never empty) rides along."""
    officers, slots = rows_from(form, "officers", OFFICER_FIELDS)
    for officer, slot in zip(officers, slots):
        kind = (form.get(f"officers.{slot}.personnel_type") or "").strip()
        if kind:
            officer["personnel_type"] = kind
    body = {"officers": officers, "category": (form.get("category") or "").strip()}
    for name in ("place", "description"):
        value = (form.get(name) or "").strip()
        if value:
            body[name] = value
    for name in INCIDENT_FLAGS:
        body[name] = form.get(name) == "on"
    return body, slots


def incident_choices():
    return {"category": [(c, CATEGORY_LABELS_ZH[c]) for c in CATEGORIES],
            "personnel_type": [(p, PERSONNEL_TYPE_LABELS_ZH[p]) for p in PERSONNEL_TYPES]}


def measures_of(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def order_body(form):
    """(the JSON API's body, the form row of each person sent). Times are typed as local
    Asia/Shanghai date and time; the contract wants them with their offset."""
    persons, slots = rows_from(form, "persons", PERSON_FIELDS)
    body = {"persons": persons, "measures": measures_of(form.get("measures"))}
    for name in ("address", "valid_until", "case_no", "incident_id"):
        value = (form.get(name) or "").strip()
        if value:
            body[name] = aware(value) if name == "valid_until" else value
    return body, slots


def order_errors(errors, slots):
    """The contract's errors of an order, each at a field of the form: a person's at its row,
    a measure's at the measures box (naming which line)."""
    found = {}
    for name, text in renumber(errors, "persons", slots).items():
        match = re.fullmatch(r"measures\.(\d+)", name)
        if match:
            found["measures"] = f"第 {int(match.group(1)) + 1} 项：{text}"
        else:
            found[name] = text
    return found


def order_choices():
    return {"type": list(PROTECTED_PERSON_TYPE_LABELS_ZH.items()),
            "relation": [(r, RELATION_LABELS_ZH[r]) for r in RELATIONS]}


if set(PROTECTED_PERSON_TYPE_LABELS_ZH) != set(PROTECTED_PERSON_TYPES):
    raise ValueError("every protected person type needs its words")

"""Work items (v1), shared by every department service: a department's task on a case. The
summary is read by every role that sees the case, so it never carries health, psychological,
money or offender details; the department's own service keeps those."""
from marshmallow import ValidationError, fields, validate, validates_schema

from weiquan.contracts.base import one_of
from weiquan.contracts.codes import DEPARTMENT_ROLES, WORK_KINDS, WORK_STATES
from weiquan.contracts.event_base import EventSchema

SUMMARY_MAX = 200


class WorkItemEventV1(EventSchema):
    """What work_opened, work_updated and work_closed carry: the item as it now is."""
    item_id = fields.String(required=True)
    department = fields.String(required=True, validate=one_of(DEPARTMENT_ROLES))
    kind = fields.String(required=True)
    owner = fields.String(required=True)          # a username or the department's role name
    due = fields.AwareDateTime(required=True, allow_none=True)
    state = fields.String(required=True, validate=one_of(WORK_STATES))
    summary = fields.String(required=True, validate=validate.Length(min=1, max=SUMMARY_MAX))

    @validates_schema
    def _kind_of_department(self, data, **kwargs):
        kinds = WORK_KINDS.get(data.get("department"), ())
        if data.get("kind") not in kinds:
            raise ValidationError(f"kind must be one of {kinds}", "kind")


class WorkOpenedV1(WorkItemEventV1):
    state = fields.String(required=True, validate=one_of(("open",)))


class WorkClosedV1(WorkItemEventV1):
    state = fields.String(required=True, validate=one_of(("done", "cancelled")))


WORK_EVENT_TYPES = ("work_opened", "work_updated", "work_closed")
WORK_EVENTS = {"work_opened": WorkOpenedV1, "work_updated": WorkItemEventV1,
               "work_closed": WorkClosedV1}
# The services that announce work items; intake subscribes to each of them.
WORK_SOURCES = ("dispatch", "evidence", "welfare", "logistics", "legal_aid", "publicity")


def work_payload(item_id, department, kind, owner, due, state, summary):
    """The payload of a work-item event, built in one place for every department service
    (``due``: an aware datetime or None, sent in Shanghai time)."""
    from weiquan.config import TZ
    return {"item_id": item_id, "department": department, "kind": kind, "owner": owner,
            "due": None if due is None else due.astimezone(TZ).isoformat(), "state": state,
            "summary": summary}

"""Event contracts (v1), one schema per event type, in one registry per source service.
Every body carries event_id, event_type, schema_version, occurred_at, case_no and actor;
consumers are idempotent on event_id. No phones, ID numbers, addresses or health details ride
on the bus."""
import uuid
from datetime import datetime, timezone

from weiquan.config import TZ
from weiquan.contracts.base import instance
from weiquan.contracts.event_base import SCHEMA_VERSION
from weiquan.contracts.events_dispatch import DISPATCH_EVENTS
from weiquan.contracts.events_evidence import EVIDENCE_EVENTS
from weiquan.contracts.events_intake import INTAKE_EVENTS
from weiquan.contracts.events_legal_aid import LEGAL_AID_EVENTS
from weiquan.contracts.events_logistics import LOGISTICS_EVENTS
from weiquan.contracts.events_publicity import PUBLICITY_EVENTS
from weiquan.contracts.events_welfare import WELFARE_EVENTS
from weiquan.contracts.events_work import WORK_EVENT_TYPES, WORK_SOURCES
from weiquan.kit.correlation import current_id

REGISTRY = {"intake": INTAKE_EVENTS, "evidence": EVIDENCE_EVENTS, "dispatch": DISPATCH_EVENTS,
            "welfare": WELFARE_EVENTS, "logistics": LOGISTICS_EVENTS,
            "legal_aid": LEGAL_AID_EVENTS, "publicity": PUBLICITY_EVENTS}

# Consumer queues declared by the publisher up front (source, event_type, service, method),
# so an event published before a consumer's first start is queued, not dropped. A department
# service that subscribes with reliable_event_handler adds its rows here.
SUBSCRIPTIONS = (
    # intake opens the case of a live incident and folds dispatch steps into its timeline
    ("dispatch", "incident_reported", "intake", "on_incident_reported"),
    ("dispatch", "units_dispatched", "intake", "on_units_dispatched"),
    ("dispatch", "unit_acknowledged", "intake", "on_unit_acknowledged"),
    ("dispatch", "unit_arrived", "intake", "on_unit_arrived"),
    ("dispatch", "dispatch_unacknowledged", "intake", "on_dispatch_unacknowledged"),
    ("dispatch", "protective_order_issued", "intake", "on_protective_order_issued"),
    ("dispatch", "protective_order_changed", "intake", "on_protective_order_changed"),
    # dispatch learns the case number of its incident
    ("intake", "application_submitted", "dispatch", "on_application_submitted"),
    # urgent duties start on submission, before acceptance: an injury opens the green channel
    # (Art. 28, welfare); a threat opens protection (Art. 20, dispatch's handler above)
    ("intake", "application_submitted", "welfare", "on_application_submitted"),
    # departments open their work when the committee accepts a case that concerns them
    ("intake", "case_accepted", "welfare", "on_case_accepted"),
    ("intake", "case_accepted", "evidence", "on_case_accepted"),
    # legal affairs classifies how the offender is pursued (Art. 21)
    ("intake", "case_accepted", "legal_aid", "on_case_accepted"),
    # logistics disburses once per approval, whatever the number of deliveries
    ("logistics", "payment_approved", "logistics", "on_payment_approved"),
    # counsel fees claimed by legal affairs (Art. 25) become payment requests
    ("legal_aid", "counsel_fee_claimed", "logistics", "on_counsel_fee_claimed"),
    # publicity learns a case's category and unit, and drafts the name clearing (Art. 30) on a
    # qualifying conclusion or a revoked discipline
    ("intake", "application_submitted", "publicity", "on_application_submitted"),
    ("intake", "case_accepted", "publicity", "on_case_accepted"),
    ("intake", "case_concluded", "publicity", "on_case_concluded"),
    ("legal_aid", "discipline_revoked", "publicity", "on_discipline_revoked"),
) + tuple(
    # intake projects every department's work items onto the case (answer and timeline)
    (source, event_type, "intake", f"on_{source}_{event_type}")
    for source in WORK_SOURCES for event_type in WORK_EVENT_TYPES)


def subscriptions_of(source):
    return tuple(s for s in SUBSCRIPTIONS if s[0] == source)


def build_event(source, event_type, case_no, actor, payload, now=None):
    """Make a validated event body; raises if it breaks its own contract."""
    schema = instance(REGISTRY[source][event_type])
    body = {
        "event_id": str(uuid.uuid4()),
        "event_type": event_type,
        "schema_version": SCHEMA_VERSION,
        "occurred_at": (now or datetime.now(timezone.utc)).astimezone(TZ).isoformat(),
        "case_no": case_no,
        "actor": {"username": actor["username"], "roles": list(actor["roles"])},
        **payload,
    }
    correlation_id = current_id()
    if correlation_id:  # omitted outside a worker (scripts, tests)
        body["correlation_id"] = correlation_id
    errors = schema.validate(body)
    if errors:
        raise ValueError(f"event {source}.{event_type} breaks its contract: {errors}")
    return body

"""intake's own tables. Only intake reads or writes them."""
from sqlalchemy import (JSON, BigInteger, Boolean, Column, Date, ForeignKey, Index, Integer,
                        MetaData, SmallInteger, String, Table, text)

from weiquan.kit.db import UtcDateTime
from weiquan.kit.inbox import inbox_table
from weiquan.kit.outbox import outbox_table

metadata = MetaData()
_ID = BigInteger().with_variant(Integer, "sqlite")

case_counters = Table(
    "case_counters", metadata,
    Column("year", Integer, primary_key=True),
    Column("last_seq", Integer, nullable=False),
)

cases = Table(
    "cases", metadata,
    Column("case_no", String(32), primary_key=True),
    Column("year", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("category", String(40), nullable=False, index=True),
    Column("channel", String(20), nullable=False),
    Column("applicant", JSON, nullable=False),
    Column("officer", JSON, nullable=False),
    Column("officer_police_id", String(20), nullable=False, index=True),
    Column("officer_unit", String(100), nullable=False, index=True),
    Column("incident", JSON, nullable=False),
    # The incident's place, out of the JSON so the ledger (Art. 35) can group by it.
    Column("place", String(200)),
    # When the incident happened (incident.occurred_at), out of the JSON for the ledger's
    # hot spots by hour (Art. 35).
    Column("occurred_at", UtcDateTime()),
    Column("anti_gang", Boolean, nullable=False, default=False),
    Column("received_at", UtcDateTime(), nullable=False),
    Column("submitted_at", UtcDateTime(), nullable=False),
    Column("filed_by", String(64), nullable=False, index=True),
    # The submission's idempotency key: a redelivered RPC or a client retry finds its case.
    Column("request_id", String(160), unique=True),
    # The live incident (dispatch) this case was opened from: at most one case per incident.
    Column("incident_id", String(36), unique=True),
    Column("decision", JSON),
    Column("appeal", JSON),
    Column("conclusion", JSON),           # Art. 16 written answer: findings, outcome
    Column("reexamination", JSON),        # Art. 17 request to the higher level, and its outcome
    Column("escalations", JSON),          # Art. 18 requests for coordination, list
    Column("handler", String(64)),        # committee-office user who holds the case, if assigned
    Column("version", Integer, nullable=False, default=0),
    Index("uq_cases_year_seq", "year", "seq", unique=True),
    # The ledger reads cases by the date they were received.
    Index("ix_cases_received_at", "received_at"),
    # The ledger's hot spots and trends read only these columns (an index-only scan).
    Index("ix_cases_received_hotspot", "received_at", "category", "place", "occurred_at"),
    # The case lists' order (anti-gang first, newest first, Art. 34), whole and by status (the
    # committee's queue): a page is read off the index instead of sorting every case.
    Index("ix_cases_list_order", "anti_gang", "submitted_at", "case_no"),
    Index("ix_cases_status_list_order", "status", "anti_gang", "submitted_at", "case_no"),
)

# How many cases are in each status, kept by triggers on cases (migration 0008) in the same
# transaction as every insert, status change and delete: the case lists' total without
# counting every case on every page. Written by nothing else.
case_tally = Table(
    # cases per status, kept by triggers (migrations 0008, 0009), in shards: a status's count
    # is the sum of its rows, so concurrent writers do not queue on one row
    "case_tally", metadata,
    Column("status", String(20), primary_key=True),
    Column("shard", SmallInteger, primary_key=True, server_default=text("0")),
    Column("n", Integer, nullable=False),
)

clocks = Table(
    "clocks", metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("case_no", String(32), ForeignKey("cases.case_no"), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("start_at", UtcDateTime(), nullable=False),
    Column("due_at", UtcDateTime(), nullable=False),
    Column("provisional", Boolean, nullable=False),
    Column("satisfied_at", UtcDateTime()),
    # Who answers for the clock (a username or a role name); NULL = the applicant's own window.
    Column("holder", String(64)),
    Column("statutory", Boolean, nullable=False, server_default=text("true")),
    Column("reminded_on", Date),              # the working day its reminder went out
    Column("missed_at", UtcDateTime()),       # when the sweep recorded it as missed (Art. 36)
    Column("extended_from", UtcDateTime()),   # the due date before the director's extension
    Index("uq_clocks_case_kind", "case_no", "kind", unique=True),
    # The sweeps only look at open clocks someone holds, by due date.
    Index("ix_clocks_open_due", "due_at",
          postgresql_where=text("satisfied_at IS NULL AND holder IS NOT NULL")),
    # Misses not yet on record: stays small however long the list of recorded misses grows.
    Index("ix_clocks_unrecorded_miss", "due_at", postgresql_where=text(
        "satisfied_at IS NULL AND holder IS NOT NULL AND missed_at IS NULL")),
    Index("ix_clocks_provisional", "id", postgresql_where=text(
        "provisional AND satisfied_at IS NULL")),
)

history = Table(
    "case_history", metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("case_no", String(32), ForeignKey("cases.case_no"), nullable=False, index=True),
    Column("at", UtcDateTime(), nullable=False),
    Column("action", String(60), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("detail", JSON, nullable=False),
)

accountability = Table(
    "accountability", metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("case_no", String(32), ForeignKey("cases.case_no"), nullable=False, index=True),
    Column("clock_kind", String(40), nullable=False),
    Column("holder", String(64), nullable=False),
    Column("statutory", Boolean, nullable=False),
    Column("due_at", UtcDateTime(), nullable=False),
    Column("detected_at", UtcDateTime(), nullable=False),
    Column("satisfied_at", UtcDateTime()),
    # One record per clock and due date, whatever the number of sweeping replicas.
    Index("uq_accountability_clock", "case_no", "clock_kind", "due_at", unique=True),
)

notifications = Table(
    "notifications", metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("recipient", String(64), nullable=False),   # username or role name
    Column("kind", String(40), nullable=False),        # reminder_digest, deadline_missed, ...
    Column("day", Date, nullable=False),               # Asia/Shanghai day it belongs to
    Column("items", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_notifications_recipient", "recipient", "day"),
    # One reminder digest per person per day.
    Index("uq_notifications_digest", "recipient", "day", unique=True,
          postgresql_where=text("kind = 'reminder_digest'"),
          sqlite_where=text("kind = 'reminder_digest'")),
)

# Dispatch steps of an incident whose case is not open yet (events from different queues may
# overtake incident_reported); moved into case_history when the case is opened.
parked_history = Table(
    "parked_history", metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("incident_id", String(36), nullable=False, index=True),
    Column("at", UtcDateTime(), nullable=False),
    Column("action", String(60), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("detail", JSON, nullable=False),
)

# Every department's work items on a case, as their services announced them (work_opened /
# work_updated / work_closed): the case answer's work_items and who may see the case.
work_items = Table(
    "work_items", metadata,
    Column("item_id", String(64), primary_key=True),
    Column("case_no", String(32), ForeignKey("cases.case_no"), nullable=False, index=True),
    Column("department", String(40), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("owner", String(64), nullable=False),
    Column("due_at", UtcDateTime()),
    Column("state", String(12), nullable=False),
    Column("summary", String(200), nullable=False),
    Column("opened_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Column("last_event_at", UtcDateTime(), nullable=False),
    # a department's queue: its items in a state, nearest due first
    Index("ix_work_items_queue", "department", "state", "due_at"),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)

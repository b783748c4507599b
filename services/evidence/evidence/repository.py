"""The only code that knows evidence's tables."""
from datetime import timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from evidence.domain import custody
from evidence.models import (custody_entries, evidence, takedowns, upload_intents,
                             web_captures, work_items)

OPEN_STATES = ("pending", "streaming", "aborting")


class EvidenceRepository:
    def __init__(self, session):
        self.session = session
        self.postgres = session.get_bind().dialect.name == "postgresql"

    # ---- upload intents ---------------------------------------------------------------
    def add_intent(self, row):
        self.session.execute(insert(upload_intents).values(**row))

    def intent(self, upload_id):
        return self.session.execute(select(upload_intents).where(
            upload_intents.c.id == upload_id)).mappings().first()

    def move_intent(self, upload_id, from_states, to_state, now, error=None, older_than=None):
        """Conditional state change; True when this caller won it (a sweep and an upload
        cannot both finish the same intent)."""
        stmt = update(upload_intents).where(upload_intents.c.id == upload_id,
                                            upload_intents.c.state.in_(from_states))
        if older_than is not None:
            stmt = stmt.where(upload_intents.c.touched_at < older_than)
        values = {"state": to_state, "touched_at": now}
        if to_state in ("registered", "failed", "aborted", "retained"):
            values["finished_at"] = now
        if error:
            values["error"] = error[:200]
        return self.session.execute(stmt.values(**values)).rowcount == 1

    def stale_intents(self, cutoff, limit=100):
        return self.session.execute(
            select(upload_intents.c.id, upload_intents.c.object_key, upload_intents.c.state)
            .where(upload_intents.c.state.in_(OPEN_STATES), upload_intents.c.touched_at < cutoff)
            .order_by(upload_intents.c.touched_at).limit(limit)).mappings().all()

    # ---- evidence and custody ------------------------------------------------------------
    def add_evidence(self, row, first_entry):
        self.session.execute(insert(evidence).values(
            **row, custody_head=first_entry["hash"], custody_count=1))
        self.session.execute(insert(custody_entries).values(**first_entry))

    def get(self, evidence_id, for_update=False):
        stmt = select(evidence).where(evidence.c.id == evidence_id)
        if for_update and self.postgres:
            stmt = stmt.with_for_update()
        return self.session.execute(stmt).mappings().first()

    def entries(self, evidence_id):
        rows = self.session.execute(select(custody_entries).where(
            custody_entries.c.evidence_id == evidence_id).order_by(
            custody_entries.c.seq, custody_entries.c.id)).mappings().all()
        return [dict(r) for r in rows]

    def append(self, row, action, actor, at, detail=None):
        """Append one custody entry; the caller holds the evidence row lock (for_update)."""
        entry = custody.new_entry(row["id"], row["custody_head"], row["custody_count"], action,
                                  actor, at, detail)
        self.session.execute(insert(custody_entries).values(**entry))
        self.session.execute(update(evidence).where(evidence.c.id == row["id"]).values(
            custody_head=entry["hash"], custody_count=entry["seq"]))
        return entry

    def set_hold(self, evidence_id, hold):
        self.session.execute(update(evidence).where(evidence.c.id == evidence_id).values(hold=hold))

    def case_evidence(self, case_no):
        return self.session.execute(select(evidence).where(evidence.c.case_no == case_no)
                                    .order_by(evidence.c.registered_at)).mappings().all()

    # ---- internet evidence -------------------------------------------------------------
    def add_capture(self, row):
        self.session.execute(insert(web_captures).values(**row))

    def capture(self, capture_id):
        return self.session.execute(select(web_captures).where(
            web_captures.c.id == capture_id)).mappings().first()

    def capture_of(self, evidence_id):
        return self.session.execute(select(web_captures).where(
            web_captures.c.evidence_id == evidence_id)).mappings().first()

    def add_takedown(self, row):
        self.session.execute(insert(takedowns).values(**row))

    def takedown(self, takedown_id, for_update=False):
        stmt = select(takedowns).where(takedowns.c.id == takedown_id)
        if for_update and self.postgres:
            stmt = stmt.with_for_update()
        return self.session.execute(stmt).mappings().first()

    def save_takedown(self, row, status, history):
        done = self.session.execute(update(takedowns).where(
            takedowns.c.id == row["id"], takedowns.c.version == row["version"]).values(
            status=status, history=history, version=row["version"] + 1)).rowcount
        return done == 1

    # ---- the brigade's own work items ----------------------------------------------------
    def add_work_item(self, item):
        """Insert once per (case, kind, ref); False when the item already exists."""
        ins = (pg_insert if self.postgres else sqlite_insert)(work_items)
        return self.session.execute(ins.values(**item).on_conflict_do_nothing(
            index_elements=["case_no", "kind", "ref"])).rowcount == 1

    def work_item(self, case_no, kind, ref="", for_update=False):
        stmt = select(work_items).where(work_items.c.case_no == case_no,
                                        work_items.c.kind == kind, work_items.c.ref == ref)
        if for_update and self.postgres:
            stmt = stmt.with_for_update()
        row = self.session.execute(stmt).mappings().first()
        return None if row is None else dict(row)

    def save_work_item(self, item):
        self.session.execute(update(work_items).where(
            work_items.c.item_id == item["item_id"]).values(
            state=item["state"], summary=item["summary"], updated_at=item["updated_at"]))


def stale_cutoff(now, seconds):
    return now - timedelta(seconds=seconds)

"""A test consumer built like a real department service: reliable queue with a delivery limit
and dead-letter path, idempotent through the kit's inbox. It records what it applied."""
from nameko.extensions import DependencyProvider
from sqlalchemy import Column, Integer, MetaData, String, Table, insert

from weiquan.kit.consumer import reliable_event_handler
from weiquan.kit.db import make_engine, make_session_factory
from weiquan.kit.inbox import claim, inbox_table

metadata = MetaData()
applied = Table("applied", metadata,
                Column("id", Integer, primary_key=True, autoincrement=True),
                Column("event_id", String(36), nullable=False),
                Column("event_type", String(60), nullable=False),
                Column("case_no", String(32)))
inbox = inbox_table(metadata)


class ProbeDb(DependencyProvider):
    def setup(self):
        self.factory = make_session_factory(make_engine(self.container.config["DATABASE_URL"]))

    def get_dependency(self, worker_ctx):
        return self.factory


class ProbeService:
    name = "probe"
    db = ProbeDb()

    def _apply(self, body):
        if body.get("poison"):
            raise ValueError("poison message for the dead-letter test")
        with self.db() as session, session.begin():
            if claim(session, inbox, body["event_id"], "probe"):
                session.execute(insert(applied).values(event_id=body["event_id"],
                                                       event_type=body["event_type"],
                                                       case_no=body.get("case_no")))

    @reliable_event_handler("intake", "application_submitted")
    def on_application_submitted(self, body):
        self._apply(body)

    @reliable_event_handler("intake", "case_accepted")
    def on_case_accepted(self, body):
        self._apply(body)

    @reliable_event_handler("intake", "case_rejected")
    def on_case_rejected(self, body):
        self._apply(body)

    @reliable_event_handler("intake", "case_appealed")
    def on_case_appealed(self, body):
        self._apply(body)

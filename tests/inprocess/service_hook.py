"""One department service's container driven as the gateway drives it: entrypoints called
with their answers unwrapped, and what the service put on its outbox read back."""
import json

from nameko.testing.services import entrypoint_hook
from nameko.testing.utils import get_extension
from sqlalchemy import column, func, select, table

from weiquan.kit.nameko_deps import Database

# every service's outbox has these columns (weiquan.kit.outbox.outbox_table)
OUTBOX = table("outbox", column("id"), column("routing_key"), column("body"))


class ServiceHook:
    def __init__(self, container, config=None):
        self.container, self.config = container, config

    def answer(self, method, *args):
        with entrypoint_hook(self.container, method) as call:
            return call(*args)

    def ok(self, method, *args):
        answer = self.answer(method, *args)
        assert "ok" in answer, answer
        return answer["ok"]

    def error(self, method, *args, status):
        answer = self.answer(method, *args)
        assert answer.get("status") == status, answer
        return answer["error"]

    def deliver(self, method, body):
        """Hand an event body to an event-handler entrypoint, as the broker would."""
        with entrypoint_hook(self.container, method) as handle:
            handle(body)

    def db(self):
        return get_extension(self.container, Database)

    def events(self, event_type=None):
        """The outbox's bodies in order, of one event type if given."""
        with self.db().session_factory() as session:
            rows = session.execute(select(OUTBOX.c.routing_key, OUTBOX.c.body)
                                   .order_by(OUTBOX.c.id)).all()
        return [json.loads(body) for key, body in rows if event_type in (None, key)]

    def count(self, table):
        with self.db().session_factory() as session:
            return session.execute(select(func.count()).select_from(table)).scalar_one()

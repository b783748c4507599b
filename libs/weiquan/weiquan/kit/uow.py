"""Unit of work: one transaction holding the change and the events that announce it."""
from weiquan.contracts.events import build_event
from weiquan.kit.outbox import outbox_row, stage


class UnitOfWork:
    def __init__(self, session_factory, outbox, on_commit=None):
        self._session_factory = session_factory
        self._outbox = outbox
        self._on_commit = on_commit
        self.session = None
        self._staged = 0

    def __enter__(self):
        self.session = self._session_factory()
        self.session.begin()
        return self

    def emit(self, source, event_type, case_no, actor, payload, now=None):
        body = build_event(source, event_type, case_no, actor, payload, now)
        stage(self.session, self._outbox, f"{source}.events", event_type, body)
        self._staged += 1
        return body

    def outbox_row(self, source, event_type, case_no, actor, payload, now=None):
        """``emit`` without the insert: the event's outbox row, for a caller that inserts it
        in the same statement as its change (intake's filing). The relay is woken after the
        commit as for ``emit``."""
        body = build_event(source, event_type, case_no, actor, payload, now)
        self._staged += 1
        return outbox_row(f"{source}.events", event_type, body)

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.session.commit()
            else:
                self.session.rollback()
        finally:
            self.session.close()
        if exc_type is None and self._staged and self._on_commit:
            self._on_commit()
        return False

"""Upload intents whose object the store keeps under retention, against the real PostgreSQL: a
failed upload and the sweep remove never-registered objects bypassing GOVERNANCE retention; a
refusal all the same (legal hold, COMPLIANCE) closes the intent as 'retained' once, logged once,
never retried; a registration whose commit is in doubt leaves the object to the sweep. The store
is a fake raising the S3 refusal: moto enforces no object lock."""
import io
import logging
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from weiquan.kit.clock import SystemClock
from weiquan.kit.db import make_engine, make_session_factory
from weiquan.kit.errors import AppError
from weiquan.kit.uow import UnitOfWork

from evidence import multipart
from evidence.migrate import migrate
from evidence.models import outbox, upload_intents
from evidence.repository import EvidenceRepository
from evidence.store import RemovalRefused
from evidence.sweeper import sweep
from evidence.upload import Upload

pytestmark = pytest.mark.integration
STALE = 60


class Db:
    def __init__(self, url):
        self.engine = make_engine(url)
        self.session = make_session_factory(self.engine)

    def uow(self):
        return UnitOfWork(self.session, outbox)


@pytest.fixture(scope="module")
def db(pg):
    url = pg.create(f"evidence_retention_{uuid.uuid4().hex[:6]}")
    migrate(url)
    db = Db(url)
    yield db
    db.engine.dispose()  # its connections back to the server now, not at garbage collection


class FakeStore:
    """Records every purge; raises ``refuse`` (when set) instead of removing."""

    def __init__(self, refuse=None):
        self.refuse, self.purges = refuse, []

    def purge(self, key, never_registered=False):
        self.purges.append((key, never_registered))
        if self.refuse is not None:
            raise self.refuse

    def put_stream(self, key, reader, content_type, claim=None):
        raise ConnectionError("store down")


def an_intent(db, touched_at, state="streaming"):
    upload_id = str(uuid.uuid4())
    intent = {"id": upload_id, "case_no": "GX-WQ-2026-000001",
              "object_key": f"cases/GX-WQ-2026-000001/{upload_id}", "state": state,
              "meta": {"kind": "video", "filename": "a.mp4", "content_type": "video/mp4"},
              "principal": {"username": "officer", "roles": ["officer"]},
              "created_at": touched_at, "touched_at": touched_at}
    with db.uow() as uow:
        EvidenceRepository(uow.session).add_intent(intent)
    return intent


def state_of(db, intent):
    with db.session() as session:
        return session.execute(select(upload_intents.c.state, upload_intents.c.error,
                                      upload_intents.c.finished_at)
                               .where(upload_intents.c.id == intent["id"])).one()


def locked(code="ObjectLocked"):
    return RemovalRefused("k", "v1", code, "Object is WORM protected and cannot be overwritten")


def test_the_sweep_closes_a_retained_object_once_and_never_retries(db, caplog):
    now = SystemClock().now()
    intent = an_intent(db, now - timedelta(seconds=STALE + 5))
    store = FakeStore(refuse=locked("AccessDenied"))
    with caplog.at_level(logging.WARNING, logger="evidence.sweeper"):
        assert sweep(db, store, now, STALE) == 0
        later = now + timedelta(seconds=10 * STALE)
        sweep(db, store, later, STALE)
    assert store.purges == [(intent["object_key"], True)]  # bypassing; once only
    state, error, finished_at = state_of(db, intent)
    assert (state, error) == ("retained", "swept: store retains (AccessDenied)")
    assert finished_at is not None
    said = [r for r in caplog.records if intent["object_key"] in r.getMessage()]
    assert len(said) == 1 and said[0].levelno == logging.WARNING and not said[0].exc_info


def test_the_sweep_retries_a_store_that_could_not_be_asked(db):
    now = SystemClock().now()
    intent = an_intent(db, now - timedelta(seconds=STALE + 5))
    store = FakeStore(refuse=ConnectionError("store down"))
    sweep(db, store, now, STALE)
    assert state_of(db, intent)[0] == "aborting"
    store.refuse = None
    assert sweep(db, store, now + timedelta(seconds=STALE + 1), STALE) >= 1
    assert [p for p in store.purges if p[0] == intent["object_key"]] == \
        [(intent["object_key"], True)] * 2
    assert state_of(db, intent)[:2] == ("aborted", "swept: no heartbeat")


def test_the_sweep_leaves_registered_evidence_alone(db):
    now = SystemClock().now()
    intent = an_intent(db, now - timedelta(seconds=STALE + 5), state="registered")
    store = FakeStore()
    sweep(db, store, now, STALE)
    assert intent["object_key"] not in [key for key, _ in store.purges]
    assert state_of(db, intent)[0] == "registered"


def test_a_failed_upload_whose_object_is_retained_is_closed_as_retained(db):
    clock = SystemClock()
    intent = an_intent(db, clock.now())
    store = FakeStore(refuse=locked())
    with pytest.raises(AppError) as failed:
        Upload(db, store, clock, intent, beat_every=30).run(io.BytesIO(b"x" * 100))
    assert failed.value.code == "storage_unavailable"
    assert store.purges == [(intent["object_key"], True)]
    state, error, finished_at = state_of(db, intent)
    assert state == "retained" and error.endswith("store retains (ObjectLocked)")
    assert finished_at is not None


def test_a_failed_upload_the_store_could_not_clean_stays_open_for_the_sweep(db):
    clock = SystemClock()
    intent = an_intent(db, clock.now())
    store = FakeStore(refuse=ConnectionError("store down"))
    with pytest.raises(AppError):
        Upload(db, store, clock, intent, beat_every=30).run(io.BytesIO(b"x" * 100))
    assert state_of(db, intent)[0] == "streaming"


def test_a_registration_in_doubt_leaves_the_object_to_the_sweep(db):
    """The commit may have happened: bypassing retention then would delete evidence."""
    clock = SystemClock()
    intent = an_intent(db, clock.now())
    store = FakeStore()
    upload, tried = Upload(db, store, clock, intent, beat_every=30), []

    def in_doubt(*args):
        tried.append(args)
        raise ConnectionError("server closed the connection during COMMIT")
    upload.register = in_doubt
    upload.prove = lambda put, sha256, size: "read_back"
    upload.check = lambda reader, meta: "mp4"
    store.put_stream = lambda *args, **kwargs: multipart.Stored("v1", "e1", (), None)
    with pytest.raises(AppError) as failed:
        upload.run(io.BytesIO(b"x" * 100))
    assert (failed.value.code, failed.value.status) == ("registration_failed", 503)
    assert len(tried) == 1 and store.purges == []
    assert state_of(db, intent)[0] == "streaming"

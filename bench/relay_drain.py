"""Outbox relay benchmark: a 10,000-event backlog drained to RabbitMQ, beside raw
pipelined-confirm publishing of the same messages to the same broker in the same run.

Builds a throw-away PostgreSQL database (intake's migrations, so the real outbox table and its
partial index), stages N ``application_submitted`` events as intake does (``stage()``, bodies
built and validated by ``build_event``), binds a queue of the consumers' type (quorum by
default) to a uniquely named exchange in a private vhost, and times ``OutboxRelay.relay_all()``
until no row is pending and the queue holds all N. The limit: the same N bodies published with
plain kombu/py-amqp on one confirm-mode channel, every message sent without waiting, then all
broker acks awaited (timed until the queue holds all N too); run before and after the relay, the
better run is the limit. The relay writes many frames per socket write (FrameBatch), which plain
py-amqp does not: a third raw run with the frames coalesced the same way is printed too, for
information (not the recorded limit). The vhost and the database are
dropped afterwards. --profile FILE writes a cProfile of the relay's drain (that run records
no row: the profiler slows the relay).
Usage: .venv/bin/python bench/relay_drain.py [--events 10000] [--batch N] [--queue-type quorum]
"""
import argparse
import cProfile
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import amqp  # noqa: E402
from kombu import Connection  # noqa: E402

import intake.migrate  # noqa: E402
from intake.models import outbox  # noqa: E402
from weiquan.config import TZ  # noqa: E402
from weiquan.contracts.events import build_event  # noqa: E402
from weiquan.kit.db import make_engine, make_session_factory  # noqa: E402
from weiquan.kit.outbox import OutboxRelay, stage  # noqa: E402
from weiquan.kit.pipelined import FrameBatch  # noqa: E402

from bench.rows import record  # noqa: E402
from bench.stack import cleanup, deferred, header, progress, run  # noqa: E402
from tests.support.infra import PgDatabases, drop_vhost, private_amqp_uri  # noqa: E402

ACTOR = {"username": "officer_360721001", "roles": ["officer"]}
UNITS = ("江西省赣州市公安局章贡分局城关派出所", "江西省赣州市公安局南康分局交通警察大队",
         "江西省赣州市公安局经济技术开发区分局刑事侦查大队")
RECEIVED = datetime(2026, 12, 1, 10, 0, tzinfo=TZ)


def event(i):
    """An application_submitted body as intake emits it (officer unit and times vary)."""
    return build_event("intake", "application_submitted", f"GX-WQ-2026-{i:06d}", ACTOR, {
        "category": "violent_attack", "channel": "app", "applicant_type": "officer",
        "police_id": f"36{i:07d}", "officer_unit": UNITS[i % len(UNITS)],
        "personnel_type": "regular",
        "received_at": (RECEIVED + timedelta(seconds=i)).isoformat(),
        "decision_due": {"due": (RECEIVED + timedelta(days=7)).isoformat(), "provisional": False},
        "flags": {"ongoing": False, "off_duty": False, "anti_gang": i % 50 == 0, "injury": True},
        "incident_id": str(uuid.uuid4()) if i % 3 == 0 else None,
    }, now=RECEIVED + timedelta(seconds=i))


def stage_backlog(factory, exchange, n):
    with factory() as session, session.begin():
        for i in range(n):
            stage(session, outbox, exchange, "application_submitted", event(i))
    with factory() as session:
        bodies = [row[0] for row in session.execute(outbox.select().with_only_columns(
            outbox.c.body).order_by(outbox.c.id))]
    return bodies


def tap(channel, name, exchange, queue_type):
    """A queue bound to ``exchange`` with every routing key, of the consumers' queue type."""
    channel.exchange_declare(exchange, "topic", durable=True, auto_delete=False)
    channel.queue_declare(name, durable=True, auto_delete=False,
                          arguments={"x-queue-type": queue_type})
    channel.queue_bind(name, exchange, "#")


def wait_queued(channel, name, n, timeout=120.0):
    """Wait until the queue holds ``n`` messages; returns how many it held at the end."""
    deadline = time.monotonic() + timeout
    while True:
        held = channel.queue_declare(name, passive=True).message_count
        if held >= n or time.monotonic() > deadline:
            return held
        time.sleep(0.005)


def raw_publish(uri, exchange, queue, bodies, queue_type, coalesced=False):
    """The limit: every body published on one confirm-mode channel without waiting, then every
    ack awaited; seconds until all were acked and the queue held them all. ``coalesced``: the
    frames go out in large writes as the relay sends them (FrameBatch), not one write per
    message as plain py-amqp does (shown for information, not the recorded limit)."""
    with Connection(uri) as conn:
        channel = conn.default_channel
        tap(channel, queue, exchange, queue_type)
        channel.confirm_select()
        acked = {"upto": 0, "nacked": 0}

        def on_ack(tag, multiple):
            acked["upto"] = max(acked["upto"], tag)

        def on_nack(tag, multiple):
            acked["nacked"] += 1
            acked["upto"] = max(acked["upto"], tag)

        channel.events["basic_ack"].add(on_ack)
        channel.events["basic_nack"].add(on_nack)
        n = len(bodies)
        frames = FrameBatch(channel) if coalesced else None
        t0 = time.perf_counter()
        for i, body in enumerate(bodies):
            event_id = f"raw-{i}"
            message = amqp.Message(
                body.encode(), priority=0, content_type="application/json",
                content_encoding="utf-8", application_headers={"event_id": event_id},
                delivery_mode=2, message_id=event_id)
            if frames:
                frames.publish(message, exchange, "application_submitted")
            else:
                channel._basic_publish(message, exchange=exchange,
                                       routing_key="application_submitted")
        if frames:
            frames.flush()
        while acked["upto"] < n:  # single acks come one by one, multiple ones cover the rest
            conn.drain_events(timeout=60)
        held = wait_queued(channel, queue, n)
        seconds = time.perf_counter() - t0
        channel.queue_delete(queue)
        channel.exchange_delete(exchange)
    if acked["nacked"] or held != n:
        raise RuntimeError(f"raw publishing: {acked['nacked']} nacked, queue held {held}/{n}")
    return seconds


def relay_drain(factory, uri, exchange, queue, n, batch, queue_type, profile):
    """Seconds until the relay left no row pending and the queue held all ``n``."""
    relay = OutboxRelay(factory, outbox, uri, "intake")
    with Connection(uri) as conn:
        channel = conn.default_channel
        tap(channel, queue, exchange, queue_type)
        profiler = cProfile.Profile() if profile else None
        t0 = time.perf_counter()
        if profiler:
            profiler.enable()
        relayed = 0
        while relay.pending_count():
            relayed += relay.relay_all(**({"batch": batch} if batch else {}))
        if profiler:
            profiler.disable()
        held = wait_queued(channel, queue, n)
        seconds = time.perf_counter() - t0
        relay.close()
        channel.queue_delete(queue)
        channel.exchange_delete(exchange)
    if profiler:
        profiler.dump_stats(profile)
    if relayed != n or held != n:
        raise RuntimeError(f"relay: {relayed} relayed, queue held {held} of {n}")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=0, help="relay batch (default: the relay's)")
    parser.add_argument("--queue-type", default="quorum", choices=("quorum", "classic"))
    parser.add_argument("--profile", help="write a cProfile of the relay's drain to this file")
    opts = parser.parse_args()
    n = opts.events
    pg = PgDatabases()
    tag = uuid.uuid4().hex[:8]
    try:
        with deferred():
            url = pg.create("relaybench")
            uri = private_amqp_uri(f"relaybench_{tag}")
        intake.migrate.migrate(url)
        engine = make_engine(url)
        try:
            factory = make_session_factory(engine)
            progress(f"staging {n:,} application_submitted events ...")
            bodies = stage_backlog(factory, f"relaybench{tag}.events", n)
            size = sum(len(b.encode()) for b in bodies) / n
            progress("raw pipelined-confirm publishing ...")
            raw_s = [raw_publish(uri, f"raw{tag}a", f"raw{tag}a", bodies, opts.queue_type)]
            progress("relay draining the backlog ...")
            relay_s = relay_drain(factory, uri, f"relaybench{tag}.events", f"relay{tag}", n,
                                  opts.batch, opts.queue_type, opts.profile)
            progress("raw pipelined-confirm publishing again ...")
            raw_s.append(raw_publish(uri, f"raw{tag}b", f"raw{tag}b", bodies, opts.queue_type))
            coalesced_s = raw_publish(uri, f"raw{tag}c", f"raw{tag}c", bodies, opts.queue_type,
                                      coalesced=True)
        finally:
            engine.dispose()
    finally:
        cleanup(("drop the database", pg.drop_all), ("drop the vhost", drop_vhost))
    relay_eps, raw_eps = n / relay_s, n / min(raw_s)
    header(f"outbox relay: {n:,}-event backlog (PostgreSQL, {opts.queue_type} queue, "
           f"bodies of {size:,.0f} bytes on average)")
    print(f"relay drained {n:,} events in {relay_s:.3f} s: {relay_eps:,.0f} events/s")
    print(f"raw pipelined-confirm publishing: {', '.join(f'{s:.3f} s' for s in raw_s)} "
          f"(best {raw_eps:,.0f} events/s)")
    print(f"for information, raw publishing with the frames coalesced as the relay sends them: "
          f"{coalesced_s:.3f} s ({n / coalesced_s:,.0f} events/s; relay/that "
          f"{relay_eps / (n / coalesced_s):.2f})")
    if opts.profile:
        print(f"relay ran under cProfile (slower; profile in {opts.profile}): no row recorded")
        return 0
    record(f"outbox relay: {n:,}-event backlog drained", relay_eps, "events/s",
           "raw pipelined-confirm publishing", raw_eps, ">= 0.5")
    return 0


if __name__ == "__main__":
    sys.exit(run(main))

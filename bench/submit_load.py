"""Load benchmark: concurrent clients submit applications through the gateway; each one counts
as done when its `application_submitted` event is consumed from RabbitMQ.

Runs the whole system (every service and the gateway as processes, a local S3 server,
PostgreSQL, RabbitMQ) on throw-away databases and a private vhost, as the test suite does,
then prints throughput and p50/p99 latencies. Usage:
    .venv/bin/python bench/submit_load.py [--clients 16] [--requests 2000]
"""
import argparse
import json
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kombu import Connection, Exchange, Queue  # noqa: E402

from bench.stack import header, percentile, progress, run, whole_system  # noqa: E402
from tests.support.bodies import by_role  # noqa: E402
from tests.support.infra import amqp_uri, app_services  # noqa: E402

EVENT_WAIT = 60.0  # seconds after the last answer for the remaining events to arrive


class Consumer(threading.Thread):
    """Records when each case's application_submitted event is consumed (or, given an
    exchange, routing key and field, each such event by the value of that field: the bare
    submission floor's events, bench/bare_echo.py)."""

    def __init__(self, uri=None, exchange="intake.events", routing_key="application_submitted",
                 key="case_no"):
        super().__init__(daemon=True)
        self.uri, self.exchange, self.routing_key, self.key = uri, exchange, routing_key, key
        self.arrived = {}
        self.ready = threading.Event()
        self.stop = False
        self.error = None

    def run(self):
        try:
            self._consume()
        except Exception as exc:  # reported by the main thread
            self.error = exc
            self.ready.set()

    def _consume(self):
        with Connection(self.uri or amqp_uri()) as conn:
            exchange = Exchange(self.exchange, type="topic", durable=True, delivery_mode=2)
            queue = Queue(f"bench-consumer-{self.exchange}", exchange=exchange,
                          routing_key=self.routing_key, exclusive=True, auto_delete=True)

            def on_message(body, message):
                body = body if isinstance(body, dict) else json.loads(body)
                self.arrived.setdefault(body[self.key], time.perf_counter())
                message.ack()

            with conn.Consumer(queue, callbacks=[on_message], prefetch_count=500):
                self.ready.set()
                while not self.stop:
                    try:
                        conn.drain_events(timeout=0.5)
                    except TimeoutError:
                        pass
                    except Exception as exc:  # socket.timeout subclasses differ by version
                        if "timed out" not in str(exc):
                            raise


def submit_all(system, clients, requests):
    """Returns (sent {case_no: t0}, HTTP latencies, error statuses, start time)."""
    users = ["officer", "relative", "unit_liaison"]
    bodies = by_role()
    for user in users:
        system.token(user)
    sent, http_latency, errors = {}, [], []

    def one(i):
        user = users[i % len(users)]
        t0 = time.perf_counter()
        try:
            r = system.call("POST", "/api/applications", user, json=bodies[user])
        except Exception as exc:  # a timeout or a dropped connection counts as an error
            errors.append(type(exc).__name__)
            return
        t1 = time.perf_counter()
        if r.status_code != 201:
            errors.append(r.status_code)
            return
        sent[r.json()["case_no"]] = t0
        http_latency.append(t1 - t0)

    start = time.perf_counter()
    pool = ThreadPoolExecutor(max_workers=clients)
    try:
        list(pool.map(one, range(requests)))
    finally:  # on Ctrl-C, drop the queued submissions instead of sending them all first
        pool.shutdown(wait=True, cancel_futures=True)
    return sent, http_latency, errors, start


def report(opts, sent, http_latency, errors, arrived, start):
    missing = [c for c in sent if c not in arrived]
    e2e = [arrived[c] - t0 for c, t0 in sent.items() if c in arrived]
    end = max([arrived[c] for c in sent if c in arrived], default=time.perf_counter())
    wall = end - start
    header(f"submissions: {opts.requests} by {opts.clients} concurrent clients "
           f"(PostgreSQL + RabbitMQ; {', '.join(app_services())} x1)")
    print(f"errors: {len(errors)}  events missing: {len(missing)}")
    if errors:
        print(f"first errors: {errors[:5]}")
    if not e2e:
        print("no submission completed: no figures")
        return 1
    print(f"throughput: {len(e2e) / wall:.1f} applications/s (until the event is consumed)")
    print(f"HTTP latency   p50 {percentile(http_latency, 50) * 1000:.1f} ms   "
          f"p99 {percentile(http_latency, 99) * 1000:.1f} ms")
    print(f"end-to-end     p50 {percentile(e2e, 50) * 1000:.1f} ms   "
          f"p99 {percentile(e2e, 99) * 1000:.1f} ms   mean "
          f"{statistics.mean(e2e) * 1000:.1f} ms", flush=True)
    return 1 if errors or missing else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000)
    opts = parser.parse_args()
    with whole_system("submit") as system:
        consumer = Consumer()
        consumer.start()
        try:
            if not consumer.ready.wait(10) or consumer.error:
                raise RuntimeError(f"event consumer did not start: {consumer.error!r}")
            progress(f"submitting {opts.requests} applications with {opts.clients} clients")
            sent, http_latency, errors, start = submit_all(system, opts.clients, opts.requests)
            deadline = time.perf_counter() + EVENT_WAIT
            while (time.perf_counter() < deadline and consumer.error is None
                   and not all(c in consumer.arrived for c in sent)):
                time.sleep(0.05)
            if consumer.error:
                progress(f"event consumer failed: {consumer.error!r}")
            return report(opts, sent, http_latency, errors, dict(consumer.arrived), start)
        finally:
            consumer.stop = True
            consumer.join(timeout=5)


if __name__ == "__main__":
    sys.exit(run(main))

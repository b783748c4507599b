"""Load benchmark: concurrent clients submit applications through the gateway; each one counts
as done when its `application_submitted` event is consumed from RabbitMQ.

Runs the real system (intake + gateway as processes, PostgreSQL, RabbitMQ) in a throw-away
database and vhost, then prints throughput and p50/p99 latencies. Usage:
    .venv/bin/python bench/submit_load.py [--clients 16] [--requests 2000]
"""
import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kombu import Connection, Exchange, Queue  # noqa: E402

from tests.support.bodies import by_role  # noqa: E402
from tests.support.infra import PgDatabases, System, amqp_uri, drop_vhost  # noqa: E402


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


class Consumer(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.arrived = {}
        self.ready = threading.Event()
        self.stop = False

    def run(self):
        with Connection(amqp_uri()) as conn:
            exchange = Exchange("intake.events", type="topic", durable=True, delivery_mode=2)
            queue = Queue("bench-consumer", exchange=exchange,
                          routing_key="application_submitted", exclusive=True, auto_delete=True)

            def on_message(body, message):
                body = body if isinstance(body, dict) else json.loads(body)
                self.arrived.setdefault(body["case_no"], time.perf_counter())
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000)
    opts = parser.parse_args()
    pg = PgDatabases()
    system = System(Path(tempfile.mkdtemp(prefix="wq-bench-")), pg)
    consumer = Consumer()
    try:
        system.migrate()
        system.start("intake")
        system.start("gateway")
        system.wait_ready()
        consumer.start()
        consumer.ready.wait(10)
        users = ["officer", "relative", "unit_liaison"]
        bodies = by_role()
        for u in users:
            system.token(u)
        sent, http_latency, errors = {}, [], []

        def one(i):
            user = users[i % 3]
            t0 = time.perf_counter()
            r = system.call("POST", "/api/applications", user, json=bodies[user])
            t1 = time.perf_counter()
            if r.status_code != 201:
                errors.append(r.status_code)
                return
            sent[r.json()["case_no"]] = t0
            http_latency.append(t1 - t0)

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=opts.clients) as pool:
            list(pool.map(one, range(opts.requests)))
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline and not all(c in consumer.arrived for c in sent):
            time.sleep(0.05)
        end = max(consumer.arrived.get(c, time.perf_counter()) for c in sent)
        missing = [c for c in sent if c not in consumer.arrived]
        e2e = [consumer.arrived[c] - t0 for c, t0 in sent.items() if c in consumer.arrived]
        wall = end - start
        print(f"submissions: {opts.requests} by {opts.clients} concurrent clients "
              f"(PostgreSQL + RabbitMQ, intake x1, gateway x1)")
        print(f"errors: {len(errors)}  events missing: {len(missing)}")
        print(f"throughput: {len(e2e) / wall:.1f} applications/s (until the event is consumed)")
        print(f"HTTP latency   p50 {percentile(http_latency, 50) * 1000:.1f} ms   "
              f"p99 {percentile(http_latency, 99) * 1000:.1f} ms")
        print(f"end-to-end     p50 {percentile(e2e, 50) * 1000:.1f} ms   "
              f"p99 {percentile(e2e, 99) * 1000:.1f} ms   mean "
              f"{statistics.mean(e2e) * 1000:.1f} ms")
        return 1 if errors or missing else 0
    finally:
        consumer.stop = True
        system.shutdown()
        pg.drop_all()
        drop_vhost()


if __name__ == "__main__":
    sys.exit(main())

"""A monkey-patched process with the service engine on a SQLite file: one greenlet holds a
transaction while it yields (the interleaving behind the 33 s freeze), others begin theirs,
and a ticker measures the longest time the hub went without running it. Prints JSON."""
import eventlet

eventlet.monkey_patch()

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from sqlalchemy import text  # noqa: E402

from weiquan.kit.db import make_engine, make_session_factory  # noqa: E402


def main(url):
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)"))
    factory = make_session_factory(engine)
    gaps, running = [], [True]

    def ticker():
        last = time.monotonic()
        while running[0]:
            eventlet.sleep(0.01)
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    def holder():
        with factory() as session, session.begin():
            session.execute(text("INSERT INTO t (v) VALUES ('holder')"))
            eventlet.sleep(1.0)  # yields while holding the write lock

    waited = []

    def writer(n):
        started = time.monotonic()
        with factory() as session, session.begin():
            session.execute(text("INSERT INTO t (v) VALUES (:v)"), {"v": f"writer {n}"})
        waited.append(time.monotonic() - started)

    tick = eventlet.spawn(ticker)
    first = eventlet.spawn(holder)
    eventlet.sleep(0.05)
    writers = [eventlet.spawn(writer, n) for n in range(5)]
    first.wait()
    for w in writers:
        w.wait()
    running[0] = False
    tick.wait()
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT count(*) FROM t")).scalar_one()
    print(json.dumps({"max_gap": max(gaps), "writers_waited": waited, "rows": rows}))


if __name__ == "__main__":
    main(sys.argv[1])

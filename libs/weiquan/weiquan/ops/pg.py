"""PostgreSQL for backups: pg_dump -Fc inside an exported snapshot (so the table digests the
manifest records describe exactly the rows in the dump), pg_restore into a fresh database, and
the per-table digests the restore drill compares.

Connection details go to pg_dump / pg_restore through PG* environment variables, so a password
never shows on a command line."""
import os
import subprocess

import psycopg2
from psycopg2 import sql
from sqlalchemy.engine import make_url

from weiquan.ops.manifest import RowDigest

# The same text for the same row on every server and session: UTC times, ISO dates, exact
# floats, hex bytea.
SESSION = ("-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres "
           "-c extra_float_digits=1 -c bytea_output=hex")
FETCH = 2000


class Target:
    """One PostgreSQL database, from a SQLAlchemy URL (``postgresql+psycopg2://...``)."""

    def __init__(self, url):
        self.url = make_url(str(url))
        if not self.url.drivername.startswith("postgresql"):
            raise ValueError(f"不是 PostgreSQL 数据库 / not a PostgreSQL database: "
                             f"{self.url.render_as_string(hide_password=True)} (the backup "
                             "tool dumps PostgreSQL only; SQLite files are copied as files)")

    @property
    def database(self):
        return self.url.database

    def renamed(self, database):
        return Target(self.url.set(database=database))

    def connect(self, database=None, **kw):
        u = self.url
        return psycopg2.connect(host=u.host or "127.0.0.1", port=u.port or 5432,
                                user=u.username, password=u.password,
                                dbname=database or u.database, options=SESSION, **kw)

    def env(self):
        u, env = self.url, dict(os.environ)
        env.update(PGHOST=u.host or "127.0.0.1", PGPORT=str(u.port or 5432),
                   PGDATABASE=u.database, PGCONNECT_TIMEOUT="10")
        if u.username:
            env["PGUSER"] = u.username
        if u.password:
            env["PGPASSWORD"] = u.password
        return env

    def describe(self):
        u = self.url
        return f"{u.host or '127.0.0.1'}:{u.port or 5432}/{u.database}"


def _run(cmd, env):
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{cmd[0]} 失败 / failed ({done.returncode}): "
                           f"{done.stderr.strip()[-2000:]}")


def dump(target, path):
    """pg_dump -Fc of ``target`` into ``path``; answers the table digests of the very rows
    dumped (one snapshot, exported by a REPEATABLE READ transaction held open meanwhile)."""
    conn = target.connect()
    try:
        conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with conn.cursor() as cur:
            cur.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, version = cur.fetchone()
        _run(["pg_dump", "-Fc", "--no-sync", f"--snapshot={snapshot}", "-f", str(path)],
             target.env())
        digests = table_digests(conn)
        conn.rollback()
        return digests, version
    finally:
        conn.close()


def _on_server(target, statement):
    """Run a database-level ``statement`` (formatted with ``target``'s database name) from the
    server's ``postgres`` database, outside a transaction."""
    conn = target.connect(database="postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql.SQL(statement).format(sql.Identifier(target.database)))
    finally:
        conn.close()


def create_database(target):
    """Create ``target``'s database; it must not exist yet (a restore goes into a fresh one)."""
    _on_server(target, "CREATE DATABASE {}")


def drop_database(target):
    _on_server(target, "DROP DATABASE IF EXISTS {} WITH (FORCE)")


def restore(path, target):
    """pg_restore a -Fc dump into the fresh (empty) database ``target``, in one transaction:
    either everything is restored or the command fails."""
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
          "--single-transaction", "-d", target.database, str(path)], target.env())


def _tables(cur):
    cur.execute("""
        SELECT n.nspname, c.relname,
               ARRAY(SELECT a.attname FROM pg_index i
                     JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) ON true
                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                     WHERE i.indrelid = c.oid AND i.indisprimary ORDER BY k.ord)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%'
        ORDER BY 1, 2""")
    return cur.fetchall()


def _ordered(schema, table, pk, select):
    """``SELECT <select> FROM table t ORDER BY <primary key>, row text``: a fixed order that
    does not depend on where the rows lie on disk."""
    order = [sql.SQL("t.{}").format(sql.Identifier(c)) for c in pk]
    order.append(sql.SQL('t::text COLLATE "C"'))
    return sql.SQL("SELECT {} FROM {}.{} t ORDER BY {}").format(
        sql.SQL(select), sql.Identifier(schema), sql.Identifier(table), sql.SQL(", ").join(order))


def table_digests(conn):
    """``{"schema.table": {"rows", "sha256"}}`` for every table, plus each sequence's position
    (``sequence:schema.name``), read in the connection's current transaction."""
    digests = {}
    with conn.cursor() as cur:
        tables = _tables(cur)
        cur.execute("SELECT schemaname, sequencename, last_value FROM pg_sequences "
                    "ORDER BY 1, 2")
        for schema, name, last in cur.fetchall():
            d = RowDigest()
            d.add(str(last))
            digests[f"sequence:{schema}.{name}"] = d.result()
    for schema, table, pk in tables:
        d = RowDigest()
        with conn.cursor(name=f"digest_{len(digests)}") as cur:
            cur.itersize = FETCH
            cur.execute(_ordered(schema, table, pk, "t::text"))
            for (text,) in cur:
                d.add(text)
        digests[f"{schema}.{table}"] = d.result()
    return digests


def digests_of(target):
    conn = target.connect()
    try:
        conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
        result = table_digests(conn)
        conn.rollback()
        return result
    finally:
        conn.close()


def row_differences(left, right, table, limit=10):
    """The first rows of ``schema.table`` that differ between two databases, compared row by
    row: ``[(key, what)]``, key being the row's primary key as text (the whole row without one).
    Both sides are read in the byte order of that key, so they merge like two sorted lists."""
    schema, name = table.split(".", 1)
    out, conns = [], [left.connect(), right.connect()]
    try:
        with conns[0].cursor() as cur:
            pk = {(s, t): k for s, t, k in _tables(cur)}.get((schema, name), [])
        key = (sql.SQL("ROW({})::text").format(sql.SQL(", ").join(
            sql.SQL("t.{}").format(sql.Identifier(c)) for c in pk)) if pk else sql.SQL("t::text"))
        query = sql.SQL('SELECT k, h FROM (SELECT {key} AS k, md5(t::text) AS h FROM {s}.{t} t) r '
                        'ORDER BY k COLLATE "C", h').format(
            key=key, s=sql.Identifier(schema), t=sql.Identifier(name))
        cursors = []
        for i, conn in enumerate(conns):
            cur = conn.cursor(name=f"rows_{i}")
            cur.itersize = FETCH
            cur.execute(query)
            cursors.append(iter(cur))
        a, b = next(cursors[0], None), next(cursors[1], None)
        while (a or b) and len(out) < limit:
            if b is None or (a is not None and a[0].encode() < b[0].encode()):
                out.append((a[0], "仅在原库 / only in the original"))
                a = next(cursors[0], None)
            elif a is None or b[0].encode() < a[0].encode():
                out.append((b[0], "仅在恢复库 / only in the restored one"))
                b = next(cursors[1], None)
            else:
                if a[1] != b[1]:
                    out.append((a[0], "内容不同 / content differs"))
                a, b = next(cursors[0], None), next(cursors[1], None)
        return out
    finally:
        for conn in conns:
            conn.close()

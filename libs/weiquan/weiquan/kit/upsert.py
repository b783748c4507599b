"""One-statement writes for what a consumer learns from events, where a read then a write took
two round trips on every event: ``remember`` inserts a row or fills in the facts the event
knows, ``insert_once`` adds a row unless its unique key is taken. Written as text with typed
parameters and typed results (SQLAlchemy's dialect insert constructs have no cache key, so
they would be compiled on every event); PostgreSQL and SQLite (3.35+) share the syntax."""
from sqlalchemy import bindparam, text

UPSERT_DIALECTS = ("postgresql", "sqlite")  # the ones whose syntax these statements use
_REMEMBER = {}   # (table, key, fact names) -> statement
_ONCE = {}       # table -> statement


def _typed(table, names):
    return [bindparam(name, type_=table.c[name].type) for name in names]


def _remember_statement(table, key, names):
    cache_key = (table, key, names)
    statement = _REMEMBER.get(cache_key)
    if statement is None:
        columns = (key, *names)
        fill = ", ".join(f"{n} = COALESCE(excluded.{n}, {table.name}.{n})" for n in names)
        statement = _REMEMBER[cache_key] = text(
            f"INSERT INTO {table.name} ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + c for c in columns)}) "
            f"ON CONFLICT ({key}) DO UPDATE SET {fill} "
            f"RETURNING {', '.join(c.name for c in table.columns)}"
        ).bindparams(*_typed(table, columns)).columns(*table.columns)
    return statement


def remember(session, table, key, key_value, **facts):
    """The row of ``key_value`` after learning ``facts``: inserted with them, or with each
    fact that is not None written over what the row held (None leaves a column as it was).
    The row stays locked until the transaction ends, as a SELECT ... FOR UPDATE would."""
    names = tuple(sorted(facts))
    statement = _remember_statement(table, key, names)
    return session.execute(statement, {key: key_value, **facts}).mappings().one()


def insert_once(session, table, values):
    """Insert ``values`` (every column of ``table``) unless a unique key of the table is
    taken; True when the row was inserted."""
    statement = _ONCE.get(table)
    if statement is None:
        names = [c.name for c in table.columns]
        statement = _ONCE[table] = text(
            f"INSERT INTO {table.name} ({', '.join(names)}) "
            f"VALUES ({', '.join(':' + n for n in names)}) ON CONFLICT DO NOTHING"
        ).bindparams(*_typed(table, names))
    return session.execute(statement, values).rowcount == 1

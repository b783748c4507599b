"""Create something at most once per request key: a redelivered RPC (the process died before
acking it) or a client retry finds what the first attempt made."""
from sqlalchemy.exc import IntegrityError


def create_once(store, find, create, find_first=True):
    """``find(session)`` -> the key already made for this request, or None;
    ``create(uow)`` -> the new thing, staged in the unit of work (a unique request column makes
    a concurrent twin fail at commit). Returns ``(existing_key, None)`` or ``(None, created)``.

    ``find_first=False`` skips the lookup before creating: for a caller whose request column is
    unique (the duplicate fails on insert, its transaction is rolled back and ``find`` answers
    from a fresh session), a new request saves a round trip while holding its locks."""
    try:
        with store.uow() as uow:
            existing = find(uow.session) if find_first else None
            if existing is None:
                return None, create(uow)
    except IntegrityError:  # a duplicate (or a concurrent twin) won: answer with its result
        with store.session() as session:
            existing = find(session)
        if existing is None:
            raise
    return existing, None

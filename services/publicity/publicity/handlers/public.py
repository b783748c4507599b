"""The public page's reads (no login): current published versions with scope public, nothing
else; a draft, an internal or unit statement, or a superseded version is simply not found."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.publicity import PublicListQueryV1
from weiquan.errors import NotFound

from publicity.domain.visibility import is_public
from publicity.models import statements as t
from publicity.repository import PublicityRepository
from publicity.views import public_view


def list_public(store, filters):
    query = load_or_error(PublicListQueryV1, filters or {})
    conditions = [t.c.state == "published", t.c.scope == "public"]
    if query.get("kind"):
        conditions.append(t.c.kind == query["kind"])
    page, size = query.get("page", 1), query.get("page_size", 20)
    with store.session() as session:
        total, found = PublicityRepository(session).listing(conditions, (page - 1) * size, size)
    return {"items": [public_view(s) for s in found], "page": page, "page_size": size,
            "total": total}


def get_public(store, statement_id):
    with store.session() as session:
        s = PublicityRepository(session).get(statement_id)
    if s is None or not is_public(s):
        raise NotFound("statement", statement_id)
    return public_view(s)

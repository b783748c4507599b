"""The case lists' statements (CaseRepository.search and page): the lists' columns and order,
a page built once per shape, and the total read off the case tally."""
from functools import lru_cache

from sqlalchemy import and_, bindparam, func, select

from weiquan.kit.rows_json import children_json

from intake.models import case_tally, cases, clocks

# a list shows the officer's name and unit only: read as text, not the whole JSON object
LISTED_COLUMNS = (cases.c.case_no, cases.c.status, cases.c.category, cases.c.channel,
                   cases.c.received_at, cases.c.officer["name"].as_string().label("officer_name"),
                   cases.c.officer["unit"].as_string().label("officer_unit"), cases.c.anti_gang,
                   cases.c.escalations)


# the lists' order (Art. 34: anti-gang first, then newest), as ix_cases_list_order holds it
LIST_ORDER = (cases.c.anti_gang.desc(), cases.c.submitted_at.desc(), cases.c.case_no.desc())


# PostgreSQL: a list page's rows carry their clocks (kit.rows_json), no second statement
CLOCKS_JSON = children_json(clocks, cases.c.case_no, clocks.c.id).label("clocks_json")


def page_columns(with_clocks):
    return [*LISTED_COLUMNS, CLOCKS_JSON] if with_clocks else list(LISTED_COLUMNS)


def tally(status=None):
    """How many cases there are (of ``status``: a value or a bound parameter), off the tally
    the triggers keep (models.case_tally) rather than counting every case."""
    query = select(func.coalesce(func.sum(case_tally.c.n), 0))
    return query if status is None else query.where(case_tally.c.status == status)


@lru_cache(maxsize=None)
def plain_page(by_status, by_category, with_clocks):
    """A page of every case, or of one status and/or category, as ``page`` reads it: built
    once per shape with bound values, so its cache key is not worked out again for every
    page; without a category the tally's total rides along (see ``page``)."""
    where = []
    if by_status:
        where.append(cases.c.status == bindparam("status"))
    if by_category:
        where.append(cases.c.category == bindparam("category"))
    columns = page_columns(with_clocks)
    if not by_category:
        total = tally(bindparam("status") if by_status else None)
        columns.append(total.scalar_subquery().label("tally_total"))
    return (select(*columns).where(and_(True, *where)).order_by(*LIST_ORDER)
            .offset(bindparam("offset")).limit(bindparam("limit")))

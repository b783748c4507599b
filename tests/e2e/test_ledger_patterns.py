"""The ledger's hot spots and trends through the gateway, on the system's database: paper
applications keyed in with known occurrence times (Shanghai evening = UTC afternoon) on days
of a year no other test uses, counted by place, Shanghai hour and category; bad queries are
422s naming the field; the committee, legal affairs and publicity read them, other roles get
403s."""
import os
from datetime import datetime, timedelta, timezone

import pytest

from weiquan.config import TZ

from tests.support.bodies import written_application

pytestmark = pytest.mark.e2e

YEAR = 2005 + (os.getpid() + 7) % 15  # a past year of its own, not test_ledger.py's
RANGE = {"from": f"{YEAR}-06-01", "to": f"{YEAR}-06-30"}
PLACE = f"热点路{os.getpid()}号"


def _keyed_in(system, received, occurred, category):
    body = written_application(received.isoformat())
    body["category"] = category
    body["incident"].update(occurred_at=occurred.isoformat(), place=PLACE)
    r = system.call("POST", "/api/applications", "committee_office", json=body)
    assert r.status_code == 201, r.text


@pytest.fixture(scope="module")
def filed(system):
    at = lambda d, h, m=0: datetime(YEAR, 6, d, h, m, tzinfo=TZ)  # noqa: E731
    # 22:40 Shanghai written in UTC (14:40Z), and 22:05 with +08:00: hour 22 both
    _keyed_in(system, at(3, 9), datetime(YEAR, 6, 2, 14, 40, tzinfo=timezone.utc), "vehicle")
    _keyed_in(system, at(5, 9), at(4, 22, 5), "vehicle")
    # 00:15 Shanghai on Jun 10 is Jun 9 16:15 UTC: hour 0
    _keyed_in(system, at(10, 9), at(10, 0, 15), "other")
    # May: the previous month of June
    _keyed_in(system, at(3, 9) - timedelta(days=30), at(3, 8) - timedelta(days=30), "other")


def test_hot_spots_by_place_shanghai_hour_and_category(system, filed):
    r = system.call("GET", "/api/ledger/hotspots", "committee_director",
                    params={**RANGE, "top": "100"})
    assert r.status_code == 200, r.text
    mine = [(i["hour"], i["category"], i["total"]) for i in r.json()["items"]
            if i["place"] == PLACE]
    assert mine == [(22, "vehicle", 2), (0, "other", 1)]


def test_trends_against_the_month_before(system, filed):
    r = system.call("GET", "/api/ledger/trends", "committee_office", params=RANGE)
    assert r.status_code == 200, r.text
    answer = r.json()
    assert (answer["months"], answer["previous_from"], answer["previous_to"]) == \
        ([f"{YEAR}-06"], f"{YEAR}-05-01", f"{YEAR}-05-31")
    rows = {row["category"]: row for row in answer["categories"]}
    assert rows["vehicle"]["counts"] == [2] and rows["vehicle"]["previous_total"] == 0
    assert (rows["other"]["total"], rows["other"]["previous_total"],
            rows["other"]["change_percent"]) == (1, 1, 0.0)


@pytest.mark.parametrize("path, query, field", [
    ("/api/ledger/hotspots", {**RANGE, "top": "0"}, "top"),
    ("/api/ledger/hotspots", {"from": "2026-02-01", "to": "2026-01-01"}, "to"),
    ("/api/ledger/trends", {"from": "2026-01-01"}, "to"),
])
def test_a_bad_query_is_a_422_naming_the_field(system, path, query, field):
    r = system.call("GET", path, "committee_office", params=query)
    assert r.status_code == 422 and list(r.json()["error"]["fields"]) == [field], r.text


@pytest.mark.parametrize("user", ["officer", "command_center"])
def test_only_the_committee_legal_affairs_and_publicity_read_the_patterns(system, user):
    for path in ("/api/ledger/hotspots", "/api/ledger/trends"):
        r = system.call("GET", path, user, params=RANGE)
        assert r.status_code == 403, r.text


def test_publicity_reads_the_patterns_but_not_the_ledgers_cases(system):
    """Art. 35: the warnings are drawn from the patterns, which hold counts, not cases."""
    for user in ("publicity", "legal_affairs"):
        for path in ("/api/ledger/hotspots", "/api/ledger/trends"):
            r = system.call("GET", path, user, params=RANGE)
            assert r.status_code == 200, r.text
        for path in ("/api/ledger/stats", "/api/ledger/cases.csv"):
            r = system.call("GET", path, user, params={**RANGE, "by": "category"})
            assert r.status_code == 403, r.text

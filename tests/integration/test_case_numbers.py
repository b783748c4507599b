"""Case numbers are unique and gap-free per year even when many applications arrive at once."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.bodies import application, by_role
from tests.support.infra import raw_pg

pytestmark = pytest.mark.integration


def test_concurrent_submissions_get_gap_free_numbers(system):
    bodies = by_role()
    token_users = sorted(bodies)
    for u in token_users:
        system.token(u)

    def submit(i):
        user = token_users[i % 3]
        return system.call("POST", "/api/applications", user, json=bodies[user])

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(submit, range(60)))
    assert [a.status_code for a in answers] == [201] * 60, [a.text for a in answers if a.status_code != 201][:3]
    numbers = [a.json()["case_no"] for a in answers]
    assert len(set(numbers)) == 60
    with raw_pg(system.intake_db) as conn, conn.cursor() as cur:
        cur.execute("SELECT year, seq FROM cases ORDER BY year, seq")
        rows = cur.fetchall()
    by_year = {}
    for year, seq in rows:
        by_year.setdefault(year, []).append(seq)
    for year, seqs in by_year.items():
        assert seqs == list(range(1, len(seqs) + 1)), f"gap or duplicate in {year}"
    for n in numbers:
        year, seq = n.split("-")[2], int(n.split("-")[3])
        assert seq in by_year[int(year)]


def test_idempotency_key_returns_the_same_case(system):
    headers = {"Idempotency-Key": "retry-test-1"}
    first = system.call("POST", "/api/applications", "officer", json=application(), headers=dict(headers))
    again = system.call("POST", "/api/applications", "officer", json=application(), headers=dict(headers))
    assert first.status_code == 201 and again.status_code == 201
    assert first.json()["case_no"] == again.json()["case_no"]

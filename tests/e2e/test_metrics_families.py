"""Every service and the gateway expose the same metric families on /metrics (issue 13), with
bounded labels: after a submission through the gateway, each scrape has the families its
process must have, the worker metrics count the submission where it ran, the events it
caused are counted where they were consumed, the domain gauges read their databases, and no
label value is a case number, a resident id or the applicant's data."""
import re
import time

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.support.answers import ok
from tests.support.bodies import OFFICER, application

pytestmark = pytest.mark.e2e

EVERY_PROCESS = ("weiquan_entrypoint_seconds", "weiquan_entrypoint_errors_total",
                 "weiquan_dead_letter_messages", "weiquan_service_info",
                 "weiquan_heap_frozen_objects")
EVERY_SERVICE = EVERY_PROCESS + (
    "weiquan_outbox_pending", "weiquan_outbox_oldest_age_seconds",
    "weiquan_events_published_total", "weiquan_events_consumed_total",
    "weiquan_events_failed_total", "weiquan_inbox_duplicates_total")
DEPARTMENT = ("weiquan_open_work_items",)
OWN = {
    "intake": ("weiquan_open_cases", "weiquan_open_clocks",
               "weiquan_clocks_due_within_one_working_day", "weiquan_deadlines_missed_total"),
    "dispatch": DEPARTMENT,
    "evidence": DEPARTMENT + ("weiquan_evidence_bytes_stored", "weiquan_evidence_objects_stored"),
    "welfare": DEPARTMENT,
    "logistics": DEPARTMENT + ("weiquan_fund_balance_yuan",),
    "legal_aid": DEPARTMENT,
    "publicity": DEPARTMENT,
    "gateway": ("weiquan_http_requests_total", "weiquan_http_request_seconds"),
}
DEPARTMENTS = {"dispatch": "command_center", "evidence": "cyber_brigade",
               "welfare": "political_work", "logistics": "logistics",
               "legal_aid": "legal_affairs", "publicity": "publicity"}
CASE_NO = re.compile(r"GX-WQ-\d{4}-\d+")
RESIDENT_ID = re.compile(r"\d{17}[\dXx]")


def scrape(url):
    """{family name as registered (counters with _total): {sample name: [labels, ...]}}."""
    r = requests.get(url, timeout=10)
    assert r.status_code == 200, (url, r.status_code)
    families = {}
    for family in text_string_to_metric_families(r.text):
        name = family.name + ("_total" if family.type == "counter" else "")
        samples = families.setdefault(name, {})
        for s in family.samples:
            samples.setdefault(s.name, []).append((s.labels, s.value))
    return families


def url_of(system, name):
    if name == "gateway":
        return system.base_url + "/metrics"
    return f"http://127.0.0.1:{system.metrics_ports[name]}/metrics"


def value(families, family, sample, **labels):
    for got, v in families.get(family, {}).get(sample, []):
        if all(got.get(k) == want for k, want in labels.items()):
            return v
    return None


def eventually(read, timeout=40, step=0.5):
    """``read()`` until it answers something truthy; the domain gauges refresh every 30 s."""
    deadline = time.monotonic() + timeout
    while True:
        got = read()
        if got or time.monotonic() > deadline:
            return got
        time.sleep(step)


@pytest.fixture(scope="module")
def submitted(system):
    return ok(system.call("POST", "/api/applications", "officer", json=application()),
              201)["case_no"]


@pytest.fixture(scope="module")
def processes(system):
    names = [n for n in system.procs if n in OWN]
    assert set(names) == set(OWN), f"the e2e system runs {sorted(system.procs)}"
    return names


def test_every_process_has_its_families(system, submitted, processes):
    for name in processes:
        families = scrape(url_of(system, name))
        must = (EVERY_PROCESS if name == "gateway" else EVERY_SERVICE) + OWN[name]
        missing = [f for f in must if f not in families]
        assert not missing, f"{name} /metrics lacks {missing}"
        assert value(families, "weiquan_service_info", "weiquan_service_info",
                     service=name) == 1, name
        assert value(families, "weiquan_dead_letter_messages", "weiquan_dead_letter_messages",
                     service=name, queue="weiquan.dead-letter") is not None, name
        # started by weiquan.serve: its start-up heap frozen (kit.heap), tens of thousands
        # of objects in any service; 0 or absent when the freeze did not run
        frozen = value(families, "weiquan_heap_frozen_objects", "weiquan_heap_frozen_objects",
                       service=name)
        assert frozen is not None and frozen > 20_000, (name, frozen)
        if name != "gateway":
            assert value(families, "weiquan_outbox_oldest_age_seconds",
                         "weiquan_outbox_oldest_age_seconds", service=name) is not None, name
        if name in DEPARTMENTS:
            assert eventually(lambda: value(scrape(url_of(system, name)),
                                            "weiquan_open_work_items", "weiquan_open_work_items",
                                            department=DEPARTMENTS[name]) is not None), name


def test_the_submission_is_timed_where_it_ran(system, submitted):
    gateway = scrape(url_of(system, "gateway"))
    assert value(gateway, "weiquan_entrypoint_seconds", "weiquan_entrypoint_seconds_count",
                 service="gateway", kind="http", entrypoint="submit_application") >= 1
    intake = scrape(url_of(system, "intake"))
    assert value(intake, "weiquan_entrypoint_seconds", "weiquan_entrypoint_seconds_count",
                 service="intake", kind="rpc", entrypoint="submit_application") >= 1


def test_the_events_it_caused_are_counted_where_they_were_consumed(system, submitted):
    """An injury on submission opens welfare's green channel: welfare consumed the event in an
    event worker, and its open work items (a gauge read from its database) count it."""
    def welfare():
        families = scrape(url_of(system, "welfare"))
        consumed = value(families, "weiquan_events_consumed_total",
                         "weiquan_events_consumed_total", service="welfare",
                         event_type="application_submitted", result="ok")
        timed = value(families, "weiquan_entrypoint_seconds", "weiquan_entrypoint_seconds_count",
                      service="welfare", kind="event")
        items = value(families, "weiquan_open_work_items", "weiquan_open_work_items",
                      department="political_work")
        return consumed and timed and items and (consumed, timed, items)
    assert eventually(welfare), "welfare did not count the submission's event and green channel"


def test_intake_counts_the_open_case_from_its_database(system, submitted):
    def submitted_cases():
        return value(scrape(url_of(system, "intake")), "weiquan_open_cases", "weiquan_open_cases",
                     status="submitted")
    assert eventually(submitted_cases) >= 1


def test_no_label_value_is_a_case_number_or_personal_data(system, submitted, processes):
    personal = {submitted, OFFICER["police_id"], OFFICER["name"], "张伟", "13800000000"}
    for name in processes:
        for family, samples in scrape(url_of(system, name)).items():
            for labels, _ in (pair for pairs in samples.values() for pair in pairs):
                for key, label in labels.items():
                    where = f"{name} {family}{{{key}={label!r}}}"
                    assert not CASE_NO.search(label), where
                    assert not RESIDENT_ID.search(label), where
                    assert label not in personal, where

"""The metric families that alert rules (deploy/prometheus) and Grafana dashboards
(deploy/grafana) may use: the families every weiquan process exposes, plus Prometheus' `up`.

A rule or panel naming anything else watches a series that never exists, and stays silent."""
import re

FAMILIES = frozenset({
    "up",
    "weiquan_entrypoint_seconds",
    "weiquan_entrypoint_errors_total",
    "weiquan_outbox_pending",
    "weiquan_outbox_oldest_age_seconds",
    "weiquan_inbox_duplicates_total",
    "weiquan_events_consumed_total",
    "weiquan_events_failed_total",
    "weiquan_dead_letter_messages",
    "weiquan_open_cases",
    "weiquan_open_clocks",
    "weiquan_clocks_due_within_one_working_day",
    "weiquan_deadlines_missed_total",
    "weiquan_open_work_items",
    "weiquan_fund_balance_yuan",
    "weiquan_evidence_bytes_stored",
    "weiquan_evidence_objects_stored",
    "weiquan_http_requests_total",
    "weiquan_http_request_seconds",
    "weiquan_sweep_seconds",
    "weiquan_sweep_failures_total",
    "weiquan_calendar_last_official_year",
})
HISTOGRAMS = frozenset({"weiquan_entrypoint_seconds", "weiquan_http_request_seconds",
                        "weiquan_sweep_seconds"})

_WEIQUAN_NAME = re.compile(r"\bweiquan_[a-z_]+")
_SERIES_SUFFIXES = ("_bucket", "_sum", "_count")


def family_of(name):
    """The family a series name belongs to: a histogram's _bucket/_sum/_count series are its
    family's; any other name is its own family."""
    for suffix in _SERIES_SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in HISTOGRAMS:
            return name[: -len(suffix)]
    return name


def families_in(expr):
    """Every weiquan family a PromQL expression names (`up` is checked apart, as a word)."""
    found = {family_of(name) for name in _WEIQUAN_NAME.findall(expr)}
    if re.search(r"(?<![\w:])up\b(?!\s*\()", expr):
        found.add("up")
    return found

"""Prometheus metrics shared by every service (one process = one registry)."""
from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter("weiquan_http_requests_total", "HTTP requests answered by the gateway",
                        ["method", "route", "status"])
HTTP_LATENCY = Histogram("weiquan_http_request_seconds", "Gateway request latency",
                         ["method", "route"])
EVENTS_PUBLISHED = Counter("weiquan_events_published_total", "Events relayed from the outbox",
                           ["service", "event_type"])
EVENTS_CONSUMED = Counter("weiquan_events_consumed_total", "Events applied by consumers",
                          ["service", "event_type", "result"])
OUTBOX_PENDING = Gauge("weiquan_outbox_pending", "Outbox rows not yet confirmed by the broker",
                       ["service"])
RPC_LATENCY = Histogram("weiquan_rpc_seconds", "RPC calls made by the gateway",
                        ["service", "method", "result"])
APPLICATIONS = Counter("weiquan_applications_total", "Applications submitted",
                       ["channel", "category"])
DECISIONS = Counter("weiquan_decisions_total", "Acceptance decisions", ["accepted"])


def start_metrics_server(port):
    """Expose /metrics on its own port for services without an HTTP entrypoint."""
    from prometheus_client import start_http_server
    start_http_server(int(port))
# Statutory clocks (intake)
OPEN_CLOCKS = Gauge("weiquan_open_clocks", "Open deadlines held by someone", ["kind"])
CLOCKS_DUE_SOON = Gauge("weiquan_clocks_due_within_one_working_day",
                        "Open deadlines due by the end of the next working day")
PROVISIONAL_CLOCKS = Gauge("weiquan_provisional_clocks",
                           "Open deadlines computed over a year without official calendar data")
DEADLINES_MISSED = Counter("weiquan_deadlines_missed_total", "Deadlines recorded as missed",
                           ["kind", "statutory"])
CALENDAR_LAST_OFFICIAL_YEAR = Gauge("weiquan_calendar_last_official_year",
                                    "Last year with official State Council holiday data")
SWEEP_SECONDS = Histogram("weiquan_sweep_seconds", "Duration of one clock sweep")
SWEEP_FAILURES = Counter("weiquan_sweep_failures_total", "Clock sweeps that raised")

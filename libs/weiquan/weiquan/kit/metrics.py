"""Prometheus metrics shared by every service (one process = one registry)."""
from prometheus_client import Counter, Gauge, Histogram

VERSION = "0.1.0"  # the label of weiquan_service_info; one version for the whole checkout

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

# Every worker of every service (kit.nameko_deps.WorkerMetrics): labels are names from the code
# (service, entrypoint method, kind, exception class), never a request's data.
ENTRYPOINT_SECONDS = Histogram("weiquan_entrypoint_seconds", "Duration of one worker",
                               ["service", "entrypoint", "kind"])
ENTRYPOINT_ERRORS = Counter("weiquan_entrypoint_errors_total",
                            "Workers that raised, answered an RPC with a 5xx error or an HTTP "
                            "request with a 5xx status", ["service", "entrypoint", "kind", "error"])
SERVICE_INFO = Gauge("weiquan_service_info", "Always 1: the service and its version",
                     ["service", "version"])
HEAP_FROZEN = Gauge("weiquan_heap_frozen_objects",
                    "Objects of the started process kept out of full garbage collections "
                    "(kit.heap); absent when the process was not started by weiquan.serve",
                    ["service"])

# Events (kit.outbox, kit.inbox, kit.consumer)
OUTBOX_OLDEST_AGE = Gauge("weiquan_outbox_oldest_age_seconds",
                          "Age of the oldest outbox row not yet confirmed (0 when none)",
                          ["service"])
INBOX_DUPLICATES = Counter("weiquan_inbox_duplicates_total",
                           "Redelivered events the inbox recognised and skipped",
                           ["service", "event_type"])
EVENTS_FAILED = Counter("weiquan_events_failed_total", "Events whose handler raised",
                        ["service", "event_type"])
DEAD_LETTER_MESSAGES = Gauge("weiquan_dead_letter_messages",
                             "Messages waiting in a dead-letter queue", ["service", "queue"])

# Domain gauges, each refreshed by its owning service from its own database (<service>/gauges.py)
OPEN_CASES = Gauge("weiquan_open_cases", "Cases not closed, by status (intake)", ["status"])
OPEN_WORK_ITEMS = Gauge("weiquan_open_work_items", "A department's open work items",
                        ["department"])
FUND_BALANCE = Gauge("weiquan_fund_balance_yuan",
                     "Budget minus what approvals committed, of each fund's latest year",
                     ["fund"])
EVIDENCE_BYTES = Gauge("weiquan_evidence_bytes_stored", "Sum of registered evidence sizes")
EVIDENCE_OBJECTS = Gauge("weiquan_evidence_objects_stored", "Registered evidence objects")

"""nameko adapters for the kit: a database with its unit of work and the outbox relay loop,
the clock, the working-day calendar, the process's settings, the metrics of every worker
(with /metrics on its own port), and timers whose interval is a setting. Every service gets
these injected; none reads the environment itself."""
import logging
import time
from datetime import datetime, timezone

import eventlet
from eventlet.queue import Full, LightQueue
from nameko.events import EventHandler
from nameko.extensions import DependencyProvider
from nameko.timer import Timer

from weiquan import settings as run_settings
from weiquan.calendar.watch import CalendarReloader
from weiquan.kit import gauges, metrics
from weiquan.kit import metrics_labels as labels
from weiquan.kit.clock import clock_from_settings
from weiquan.kit.db import make_engine, make_session_factory
from weiquan.kit.outbox import OutboxRelay
from weiquan.kit.uow import UnitOfWork

log = logging.getLogger(__name__)

OUTBOX_GAUGE_EVERY = 5.0  # seconds between two reads of the outbox's pending rows
GAUGE_TICK = 1.0          # seconds between two looks at which background gauges are due


class Store:
    """What a worker gets: a unit-of-work factory bound to this service's database."""

    def __init__(self, provider):
        self._provider = provider

    def uow(self):
        return UnitOfWork(self._provider.session_factory, self._provider.outbox,
                          on_commit=self._provider.kick)

    def session(self):
        return self._provider.session_factory()

    @property
    def session_factory(self):
        return self._provider.session_factory

    @property
    def outbox(self):
        return self._provider.outbox

    def kick(self):
        """Wake the relay after a commit that staged events outside a UnitOfWork."""
        self._provider.kick()


class Database(DependencyProvider):
    """One engine per container, plus a relay loop that drains the outbox after each commit
    and once a second (so rows left by a crash are sent after restart)."""

    def __init__(self, metadata, service, declare_queues=(), relay_interval=1.0):
        self.metadata = metadata
        self.service = service
        self.declare_queues = declare_queues
        self.relay_interval = relay_interval

    def setup(self):
        settings = run_settings.current()
        self.engine = make_engine(settings.database_url(self.service),
                                  pool_size=settings.db_pool_size,
                                  max_overflow=settings.db_max_overflow)
        self.session_factory = make_session_factory(self.engine)
        self.outbox = self.metadata.tables.get("outbox")
        self._wake = LightQueue(maxsize=1)
        self._running = False
        self.relay = None
        if self.outbox is None:
            return  # a store without events (the gateway's users)
        self.relay = OutboxRelay(self.session_factory, self.outbox,
                                 self.container.config.get("AMQP_URI") or settings.amqp_uri,
                                 self.service, self.declare_queues)

    def start(self):
        if self.relay is None:
            return
        self._running = True
        self.container.spawn_managed_thread(self._relay_loop)

    def stop(self):
        self._running = False
        self.kick()

    def kill(self):
        self._running = False

    def kick(self):
        try:
            self._wake.put_nowait(True)
        except Full:
            pass

    def _relay_loop(self):
        gauge_at = -OUTBOX_GAUGE_EVERY
        while self._running:
            try:
                self.relay.relay_all()
                self.relay.keep_alive()
                if time.monotonic() - gauge_at >= OUTBOX_GAUGE_EVERY:  # not per relay pass
                    self._refresh_outbox_gauges()
                    gauge_at = time.monotonic()
            except Exception:  # broker or database away: keep rows, retry later
                log.exception("outbox relay failed; will retry")
                eventlet.sleep(self.relay_interval)
            try:
                self._wake.get(timeout=self.relay_interval)
            except eventlet.queue.Empty:
                pass
        self.relay.close()

    def _refresh_outbox_gauges(self):
        pending, oldest = self.relay.pending_stats()
        age = 0.0 if oldest is None else max(
            0.0, (datetime.now(timezone.utc) - oldest).total_seconds())
        metrics.OUTBOX_PENDING.labels(self.service).set(pending)
        metrics.OUTBOX_OLDEST_AGE.labels(self.service).set(age)

    def get_dependency(self, worker_ctx):
        return Store(self)


class WorkerMetrics(DependencyProvider):
    """The metrics every service has, with no change to its methods: each worker's duration
    and failure (``weiquan_entrypoint_seconds`` / ``_errors_total``), the service's info, and a
    background loop refreshing the dead-letter depth every 15 s and the service's own domain
    gauges every 30 s. ``gauges`` are ``refresh(session)`` functions reading this service's
    database (the container's ``Database``). The gateway uses it as is (it serves /metrics
    itself); the other services use MetricsEndpoint."""

    def __init__(self, gauges=()):
        self.refreshers = tuple(gauges) if isinstance(gauges, (list, tuple)) else (gauges,)

    def setup(self):
        self.service = self.container.service_name
        self.amqp_uri = self.container.config.get("AMQP_URI") or run_settings.current().amqp_uri
        self._started = {}
        self._running = False

    def start(self):
        metrics.SERVICE_INFO.labels(self.service, metrics.VERSION).set(1)
        self._running = True
        self.container.spawn_managed_thread(self._gauge_loop)

    def stop(self):
        self._running = False

    def kill(self):
        self._running = False

    def _session_factory(self):
        for dep in self.container.dependencies:
            if isinstance(dep, Database):
                return dep.session_factory
        return None

    def _gauge_loop(self):
        schedule = gauges.Schedule(dead_letter=gauges.DEAD_LETTER_EVERY,
                                   domain=gauges.DOMAIN_EVERY)
        session_factory = self._session_factory()
        while self._running:
            gauges.run_due(schedule, self.service, self.amqp_uri, session_factory,
                           self.refreshers)
            eventlet.sleep(GAUGE_TICK)

    def worker_setup(self, worker_ctx):
        entrypoint = worker_ctx.entrypoint
        if isinstance(entrypoint, EventHandler):  # the inbox labels its duplicates with it
            labels.CURRENT_EVENT.set((self.service, labels.code_name(entrypoint.event_type)))
        self._started[worker_ctx] = time.perf_counter()

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        started = self._started.pop(worker_ctx, None)
        if started is None:
            return
        entrypoint = worker_ctx.entrypoint
        kind = labels.entrypoint_kind(entrypoint)
        name = labels.code_name(entrypoint.method_name)
        metrics.ENTRYPOINT_SECONDS.labels(self.service, name, kind).observe(
            time.perf_counter() - started)
        error = labels.failure_of(kind, result, exc_info)
        if error:
            metrics.ENTRYPOINT_ERRORS.labels(self.service, name, kind, error).inc()

    def worker_teardown(self, worker_ctx):
        self._started.pop(worker_ctx, None)
        labels.CURRENT_EVENT.set(None)


class MetricsEndpoint(WorkerMetrics):
    """WorkerMetrics, plus /metrics served on METRICS_PORT from container start, for the
    services without HTTP."""

    def setup(self):
        super().setup()
        port = run_settings.current().metrics_port
        if port:
            metrics.start_metrics_server(port)


class Clock(DependencyProvider):
    """Injects the time source; tests swap it with nameko's replace_dependencies."""

    def setup(self):
        self.clock = clock_from_settings()

    def get_dependency(self, worker_ctx):
        return self.clock


class SettingsProvider(DependencyProvider):
    """The process's typed settings (validated when the runner started)."""

    def setup(self):
        self.settings = run_settings.current()

    def get_dependency(self, worker_ctx):
        return self.settings


class Calendar(DependencyProvider):
    """The working-day calendar, reloaded when the administrator's file changes. Workers get
    the reloader: ``.current()`` for the calendar, ``.reload_if_changed(force)`` to say why
    deadlines move. Tests swap it with replace_dependencies."""

    def setup(self):
        self.reloader = CalendarReloader()

    def get_dependency(self, worker_ctx):
        return self.reloader


class SettingTimer(Timer):
    """A timer whose interval is a setting, read when the container starts (not when the
    module is imported); ``scale`` derives the interval from the setting."""

    def __init__(self, setting, eager=False, scale=lambda seconds: seconds, **kwargs):
        super().__init__(interval=None, eager=eager, **kwargs)
        self.setting = setting
        self.scale = scale

    def setup(self):
        self.interval = self.scale(getattr(run_settings.current(), self.setting))
        super().setup()


every = SettingTimer.decorator  # @every("sweep_interval") on an entrypoint method

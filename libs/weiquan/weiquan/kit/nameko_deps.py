"""nameko adapters for the kit: a database with its unit of work and the outbox relay loop,
the clock, the working-day calendar, the process's settings, and timers whose interval is a
setting. Every service gets these injected; none reads the environment itself."""
import logging
import time

import eventlet
from eventlet.queue import Full, LightQueue
from nameko.extensions import DependencyProvider
from nameko.timer import Timer

from weiquan import settings as run_settings
from weiquan.calendar.watch import CalendarReloader
from weiquan.kit import metrics
from weiquan.kit.clock import clock_from_settings
from weiquan.kit.db import make_engine, make_session_factory
from weiquan.kit.outbox import OutboxRelay
from weiquan.kit.uow import UnitOfWork

log = logging.getLogger(__name__)


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
        self.engine = make_engine(settings.database_url(self.service))
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
        gauge_at = 0.0
        while self._running:
            try:
                self.relay.relay_all()
                self.relay.keep_alive()
                if time.monotonic() - gauge_at >= 1.0:  # a count query per second is enough
                    metrics.OUTBOX_PENDING.labels(self.service).set(self.relay.pending_count())
                    gauge_at = time.monotonic()
            except Exception:  # broker or database away: keep rows, retry later
                log.exception("outbox relay failed; will retry")
                eventlet.sleep(self.relay_interval)
            try:
                self._wake.get(timeout=self.relay_interval)
            except eventlet.queue.Empty:
                pass
        self.relay.close()

    def get_dependency(self, worker_ctx):
        return Store(self)


class MetricsEndpoint(DependencyProvider):
    """Serves /metrics on METRICS_PORT from container start, for services without HTTP."""

    def setup(self):
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

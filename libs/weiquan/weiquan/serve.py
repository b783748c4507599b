"""Runs one nameko service: ``python -m weiquan.serve --config config.yaml module:Class``.

Used by `make run`, the tests and the containers instead of ``nameko run``, because:

* nameko's ``run`` stops the service once per signal. Ctrl-C in a terminal and a SIGTERM from a
  supervisor both arrive, the second stop finds the first half done and raises ("Trying to
  re-send() an already-triggered event", ``KeyError: <RpcConsumer>``) or waits forever for a
  consumer that is already gone. Here every SIGINT and SIGTERM leads to one stop; a stop that
  takes longer than WEIQUAN_STOP_GRACE seconds becomes a kill, and a kill that hangs an exit.
* start-up problems (a port in use, the broker away or refusing the login) are one line naming
  what, where and what to do, with exit code 2, before anything starts; not a traceback.
* the hub guard (weiquan.kit.hub_guard) watches the process once it runs.
"""
import eventlet

eventlet.monkey_patch()  # noqa: E402 - before anything opens a socket or takes a lock

import argparse  # noqa: E402
import errno  # noqa: E402
import logging  # noqa: E402
import logging.config  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402

import yaml  # noqa: E402
from eventlet import patcher  # noqa: E402
from nameko.cli.main import setup_yaml_parser  # noqa: E402
from nameko.cli.run import import_service  # noqa: E402
from nameko.runners import ServiceRunner  # noqa: E402
from nameko.web.handlers import HttpRequestHandler  # noqa: E402

from weiquan import settings  # noqa: E402
from weiquan.kit import heap, hub_guard, logs, producer_keys, web_sockets, wire_json  # noqa: E402
from weiquan.kit.preflight import (StartupError, broker_problem, check_free,  # noqa: E402
                                   split_address)

log = logging.getLogger("weiquan.serve")
EXIT_STARTUP = 2
_threading = patcher.original("threading")


def _say(line):
    sys.stderr.write(line.rstrip() + "\n")
    sys.stderr.flush()


# ---- what the service will bind and reach --------------------------------------------------
def _has_http(service_cls):
    """Whether any method, mixed in or not, is a nameko HTTP entrypoint (the service listens)."""
    return any(isinstance(ext, HttpRequestHandler)
               for klass in service_cls.__mro__
               for member in vars(klass).values() if callable(member)
               for ext in getattr(member, "nameko_entrypoints", ()))


def _serves_metrics(service_cls):
    from weiquan.kit.nameko_deps import MetricsEndpoint
    return any(isinstance(getattr(service_cls, name, None), MetricsEndpoint)
               for name in dir(service_cls))


def binds_of(service_cls, config):
    """(setting, host, port) of every listening socket the service opens."""
    binds = []
    if _has_http(service_cls):
        host, port = split_address(config.get("WEB_SERVER_ADDRESS", "0.0.0.0:8000"))
        setting = config.get("ADDRESS_SETTING", "WEB_SERVER_ADDRESS")  # the env name behind it
        binds.append((setting, host, port))
    port = settings.current().metrics_port
    if _serves_metrics(service_cls) and port:
        binds.append(("METRICS_PORT", "0.0.0.0", port))
    return binds


def preflight(who, service_cls, config):
    for setting, host, port in binds_of(service_cls, config):
        check_free(who, setting, host, port)
    problem = broker_problem(config["AMQP_URI"])
    if problem:
        raise StartupError(f"{who}: {problem}")


# ---- one stop for any number of signals ----------------------------------------------------
class Stopper:
    def __init__(self, runner, who, grace):
        self.runner = runner
        self.who = who
        self.grace = grace
        self.requested = False

    def on_signal(self, signum, _frame):
        # Runs in the hub's thread between bytecodes: no eventlet waits here, only a spawn.
        if self.requested:
            return
        self.requested = True
        eventlet.spawn_n(self._stop)
        hard = _threading.Timer(self.grace + 3, self._exit_now)
        hard.daemon = True
        hard.start()

    def _stop(self):
        try:
            with eventlet.Timeout(self.grace):
                self.runner.stop()
        except eventlet.Timeout:
            log.warning("%s did not stop within %s s; killing its workers", self.who, self.grace)
            self.runner.kill()

    def _exit_now(self):
        os.write(2, f"{self.who}: stop and kill took over {self.grace + 3} s; exiting\n".encode())
        os._exit(1)


def load_config(path):
    setup_yaml_parser()
    with open(path) as fle:
        config = yaml.safe_load(fle)
    if "LOGGING" in config:
        logging.config.dictConfig(config["LOGGING"])
    return config


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("service", help="module:Class")
    args = parser.parse_args(argv)
    if "." not in sys.path:
        sys.path.insert(0, ".")
    config = load_config(args.config)
    services = import_service(args.service)
    who = ", ".join(cls.name for cls in services)
    try:
        grace = settings.current().stop_grace  # every setting validated before the start
    except settings.SettingsError as exc:
        _say(f"{who}: {exc}")
        return EXIT_STARTUP
    wire_json.use_for_kombu()  # the messages this process receives, decoded by orjson
    producer_keys.install()  # no kombu Connection built for every message published
    web_sockets.install()  # an answer over 16 KiB is not held back by Nagle's algorithm
    logs.lean_records()  # every worker's access line, without what no format shows
    runner = ServiceRunner(config)
    for cls in services:
        runner.add_service(cls)
    stopper = Stopper(runner, who, grace)
    signal.signal(signal.SIGTERM, stopper.on_signal)
    signal.signal(signal.SIGINT, stopper.on_signal)
    try:
        for cls in services:
            preflight(who, cls, config)
        runner.start()
    except StartupError as exc:
        _say(str(exc))
        return EXIT_STARTUP
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        runner.kill()
        _say(f"{who}: 端口已被占用 / a port of the service is in use ({exc}): stop the process "
             "holding it or change the service's address settings")
        return EXIT_STARTUP
    heap.settle(who)  # what start-up made, out of every later full collection
    guard = hub_guard.install(who)
    runlet = eventlet.spawn(runner.wait)
    while True:
        try:
            runlet.wait()
            break
        except OSError as exc:  # a signal interrupting the hub's wait surfaces here: go on
            if exc.errno != errno.EINTR:
                raise
    if guard:
        guard.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

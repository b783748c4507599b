"""pytest under eventlet monkey patching, as the services run: ``python -m tests.green
tests/inprocess``. The in-process tier starts service containers inside the test process
(nameko's container_factory), so sockets, threads and time must be green before anything is
imported; psycopg2 waits through psycogreen. Hub blocking detection is on: a greenlet that
holds the hub for more than a second fails its test."""
import os
import signal
import sys

# trio (which selenium brings) cannot load over eventlet's green sockets, and two plugins
# import it on start: hypothesis' own plugins (through schemathesis' pytest plugin) and
# anyio's pytest plugin. This tier neither fuzzes nor runs async tests: both are left out.
os.environ.setdefault("HYPOTHESIS_NO_PLUGINS", "1")

import eventlet  # noqa: E402
import eventlet.debug  # noqa: E402

eventlet.monkey_patch()

from psycogreen.eventlet import patch_psycopg  # noqa: E402

patch_psycopg()

import pytest  # noqa: E402


def main(args):
    code = pytest.main(["--blocking-detection", "-p", "no:anyio", *args])
    # The hub's blocking detection re-arms SIGALRM at every switch; once the tests are done
    # nothing disarms it, and an alarm firing during interpreter shutdown kills the process
    # ("Alarm clock", exit 142) after every test passed. Disarm it before exiting.
    eventlet.debug.hub_blocking_detection(False)
    signal.alarm(0)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

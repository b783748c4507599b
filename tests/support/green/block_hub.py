"""A monkey-patched process that holds its hub for 1.5 s with a C sleep, under the hub guard:
the guard must report it with the stack of the blocking function."""
import eventlet

eventlet.monkey_patch()

import sys  # noqa: E402
import time  # noqa: E402

from eventlet import patcher  # noqa: E402

from weiquan.kit.hub_guard import HubGuard  # noqa: E402

real_sleep = patcher.original("time").sleep


def hold_the_hub_in_c():
    real_sleep(1.5)  # what SQLite's busy wait does: a C call that never yields


def main(report):
    guard = HubGuard(1.0, "block-hub-test", report)
    guard.start()
    eventlet.sleep(0.3)
    hold_the_hub_in_c()
    time.sleep(0.5)  # green: the guard sees the hub free again
    eventlet.sleep(0.3)
    guard.stop()


if __name__ == "__main__":
    main(sys.argv[1])

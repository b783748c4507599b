"""Waiting for something the system does asynchronously (events, sweeps), without fixed sleeps."""
import time


def wait_until(fn, timeout=10, interval=0.2, what=None):
    """``fn()``'s first truthy value, or its value at the deadline; with ``what``, a timeout
    fails the test naming what never happened."""
    deadline = time.monotonic() + timeout
    while True:
        value = fn()
        if value or time.monotonic() > deadline:
            break
        time.sleep(interval)
    if what is not None and not value:
        raise AssertionError(f"timed out waiting for {what}")
    return value

"""The harness's port choice: below the kernel's ephemeral range, where no outgoing connection
can take the port between the choice and the server's bind."""
import socket

import pytest

from tests.support.infra import _ephemeral_range, free_port

pytestmark = pytest.mark.unit  # binds loopback sockets only, in microseconds


def test_ports_lie_below_the_ephemeral_range_and_are_never_handed_out_twice():
    low, _ = _ephemeral_range()
    ports = [free_port() for _ in range(50)]
    assert len(set(ports)) == 50
    if low > 12000:
        assert all(10000 <= port < low for port in ports)


def test_a_listening_port_is_not_handed_out(monkeypatch):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        taken = listener.getsockname()[1]
        monkeypatch.setattr("tests.support.infra.random.randrange", lambda a, b: taken)
        monkeypatch.setattr("tests.support.infra._ephemeral_range", lambda: (taken + 1, 60999))
        port = free_port()  # every random pick is the taken port: it falls back to the kernel
    assert port != taken

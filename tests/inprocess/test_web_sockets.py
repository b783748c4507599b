"""kit.web_sockets on a real nameko HTTP server: every connection it accepts has Nagle's
algorithm off, so an answer larger than eventlet's 16 KiB write buffer (headers and body in two
sends) is not held back until the client acknowledges the headers; answers are unchanged."""
import socket

import pytest
from nameko.containers import ServiceContainer
from nameko.web.handlers import http

from tests.support.infra import amqp_uri, free_port
from weiquan.kit import web_sockets

pytestmark = pytest.mark.inprocess
BIG = "x" * (64 << 10)  # four times the write buffer


class Pages:
    name = "web_sockets_pages"

    @http("GET", "/big")
    def big(self, request):
        return 200, {"Content-Type": "text/plain"}, BIG


@pytest.fixture
def server(monkeypatch):
    accepted, no_delay = [], web_sockets.no_delay

    def recording(sock):  # the accepted sockets, each still given kit.web_sockets' option
        accepted.append(sock)
        no_delay(sock)
    monkeypatch.setattr(web_sockets, "no_delay", recording)
    web_sockets.install()
    port = free_port()
    container = ServiceContainer(Pages, {"AMQP_URI": amqp_uri(),
                                         "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}"})
    container.start()
    yield port, accepted
    container.stop()
    web_sockets.uninstall()


def read_response(conn):
    """(status line, body) of one response with a Content-Length, read off a kept-alive
    connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, body = data.split(b"\r\n\r\n", 1)
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length"))
    while len(body) < length:
        body += conn.recv(65536)
    return head.split(b"\r\n")[0], body


def test_accepted_connections_send_at_once_and_answers_are_whole(server):
    port, accepted = server
    with socket.create_connection(("127.0.0.1", port)) as conn:
        for _ in range(3):  # kept alive: the same connection, the same socket
            conn.sendall(b"GET /big HTTP/1.1\r\nHost: test\r\n\r\n")
            status, body = read_response(conn)
            assert status == b"HTTP/1.1 200 OK" and body == BIG.encode()
    assert len(accepted) == 1
    assert accepted[0].getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_uninstalled_nameko_leaves_nagle_on(server):
    """The control: the option is ours, not nameko's or eventlet's default."""
    web_sockets.uninstall()
    port, accepted = server
    with socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(b"GET /big HTTP/1.1\r\nHost: test\r\n\r\n")
        assert read_response(conn)[1] == BIG.encode()
    assert accepted == []

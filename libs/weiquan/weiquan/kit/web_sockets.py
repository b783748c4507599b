"""nameko's HTTP server, with Nagle's algorithm off on every connection it accepts.

eventlet's WSGI server writes a response through a 16 KiB buffer: an answer larger than that
leaves in two sends, the headers and then the body. With Nagle's algorithm on, the body waits
until the client acknowledges the headers, and a client that delays its acknowledgement (Linux
does, up to 40 ms, on a kept-alive connection) holds every such answer that long: a list page
of 50 cases (20 kB) took 52 ms with one client where the gateway's worker took 7.5 ms
(measured). Smaller answers leave in one send and never waited. TCP_NODELAY sends each write
at once; the responses are unchanged."""
import socket

from nameko.web.server import WebServer

_NAMEKO_PROCESS_REQUEST = WebServer.process_request


def process_request(self, sock, address):
    """nameko's, on a connection with TCP_NODELAY set."""
    no_delay(sock)
    return _NAMEKO_PROCESS_REQUEST(self, sock, address)


def no_delay(sock):
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError:  # not TCP (a Unix socket in a test), or already closed by the client
        pass


def install():
    """Every nameko HTTP server of this process sets it. Idempotent."""
    WebServer.process_request = process_request


def uninstall():
    WebServer.process_request = _NAMEKO_PROCESS_REQUEST

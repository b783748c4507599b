"""Start-up checks that turn a puzzle into one line: what is wrong, where, and what to do.

Shared by `make run` (before it starts anything) and by each service process (before its
container starts), so a port in use or an unreachable broker is said within seconds instead of
as a traceback, or as a timeout minutes later. No eventlet here: devrun imports it unpatched."""
import errno
import socket
from urllib.parse import urlparse


class StartupError(Exception):
    """The one line for the operator."""


def port_in_use_message(who, setting, host, port, remedy=None):
    remedy = remedy or f"set {setting} to a free port"
    return (f"{who}: 端口 {host}:{port} 已被占用 / port {host}:{port} ({setting}) is in use: "
            f"stop the process holding it (ss -ltnp 'sport = :{port}') or {remedy}")


def check_free(who, setting, host, port, remedy=None):
    """Raise StartupError unless ``host:port`` can be listened on now."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as eventlet.listen does
        sock.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise StartupError(port_in_use_message(who, setting, host, port, remedy)) from None
        raise StartupError(f"{who}: 无法监听 / cannot listen on {host}:{port} ({setting}): "
                           f"{exc.strerror}; set {setting} to an address of this host") from None
    finally:
        sock.close()


def split_address(address, default_host="0.0.0.0"):
    host, _, port = str(address).rpartition(":")
    return host or default_host, int(port)


def broker_address(uri):
    parsed = urlparse(uri.replace("pyamqp://", "amqp://"))
    return parsed.hostname or "127.0.0.1", parsed.port or 5672


def broker_problem(uri, timeout=3.0):
    """None when RabbitMQ at ``uri`` accepts a login, else what is wrong (one line)."""
    from kombu import Connection
    parsed = urlparse(uri.replace("pyamqp://", "amqp://"))
    host, port = broker_address(uri)
    vhost = parsed.path[1:] or "/"
    try:
        with Connection(uri, connect_timeout=timeout) as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
    except Exception as exc:  # refused, unreachable, bad login or vhost: all said in one line
        reason = (str(exc).splitlines() or [""])[0] or type(exc).__name__
        if "ACCESS_REFUSED" in reason or "NOT_ALLOWED" in reason or "vhost" in reason.lower():
            return (f"RabbitMQ at {host}:{port} refused user {parsed.username!r} on vhost "
                    f"{vhost!r} ({reason}): fix AMQP_URI or the broker's users and vhosts")
        return (f"RabbitMQ 无法连接 / RabbitMQ is not reachable at {host}:{port} ({reason}): "
                "start it (rabbitmq-server -detached) or set AMQP_URI")
    return None


def port_open(host, port, timeout=1.0):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False

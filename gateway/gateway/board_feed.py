"""The live board's change feed, one per gateway process: open board streams wait on it instead
of polling dispatch each on its own.

Something tells the feed that the board changed (``changed()``): the gateway's own answer from a
dispatch command (``after_rpc``, called by GatewayService.rpc), and every dispatch event
(board_events.py; every dispatch event changes the board). Each change bumps a version and wakes
every waiting stream. The first stream to need the board at the new version fetches it, once,
and the others of the same role set get that same answer, so an incident costs one `board` RPC
per gateway process whatever the number of open boards. dispatch's board depends on the
caller's roles only (its handler checks `board` against the policy table and filters nothing),
hence the roles as the cache key. A change nobody announces (a case linked to its incident)
still shows: a stream that heard nothing for its fallback interval (handlers.incidents
STREAM_POLL) takes a board no older than half of that."""
import time
from collections import OrderedDict

import eventlet
from eventlet.event import Event
from eventlet.semaphore import Semaphore

_READS = []  # dispatch's methods that change nothing on the board, read once from the table


def reads():
    """dispatch's methods that change nothing on the board (no wake after their answer): the
    readiness ping and the method of every GET operation of the gateway's one table."""
    if not _READS:
        from gateway.operations import OPERATIONS  # the table imports the handlers, and them us
        _READS.append(frozenset({"ping"} | {op.rpc[1] for op in OPERATIONS
                                            if op.rpc and op.rpc[0] == "dispatch"
                                            and op.method == "GET"}))
    return _READS[0]
REMEMBERED = 1024  # incidents whose report this process answered, until their event comes


class _Entry:
    __slots__ = ("version", "fetched", "board")

    def __init__(self, version, fetched, board):
        self.version, self.fetched, self.board = version, fetched, board


class BoardFeed:
    def __init__(self):
        self.version = 0
        self._event = Event()
        self._cache = {}   # role key -> _Entry
        self._locks = {}   # role key -> Semaphore: one fetch at a time per key
        self._answered = OrderedDict()  # incident ids reported through this process

    def changed(self):
        """The board changed: wake every stream (they fetch it again, once between them)."""
        self.version += 1
        event, self._event = self._event, Event()
        event.send(self.version)

    def reported(self, incident_id):
        """This process answered the report of ``incident_id``: its change is on the board
        fetched after this wake, so its incident_reported event need not wake us again."""
        self._answered[incident_id] = None
        while len(self._answered) > REMEMBERED:
            self._answered.popitem(last=False)
        self.changed()

    def event(self, body):
        """A dispatch event: wake the boards, unless it announces a report already shown."""
        if (isinstance(body, dict) and body.get("event_type") == "incident_reported"
                and self._answered.pop(body.get("incident_id"), False) is None):
            return
        self.changed()

    def wait(self, seen, timeout):
        """Until the version is past ``seen`` (True) or ``timeout`` seconds passed (False)."""
        if self.version != seen:
            return True
        event = self._event
        with eventlet.Timeout(timeout, False):
            event.wait()
            return True
        return self.version != seen

    def board(self, principal, fetch, max_age=None):
        """The board at the current version (or, with ``max_age``, one fetched at most that
        many seconds ago, for the fallback), fetched by ``fetch()`` only when no stream of the
        same roles has it yet. An error of ``fetch`` reaches the caller and nothing is kept."""
        key = tuple(sorted(principal.get("roles") or ()))
        wanted = self.version
        if self._fresh(key, wanted, max_age):
            return self._cache[key].board
        lock = self._locks.setdefault(key, Semaphore())
        with lock:
            # a fetch that started after our change was announced serves us too, even if more
            # changes came meanwhile: a stream never waits behind more than one fetch (they
            # wake it again and the next fetch serves them)
            if self._fresh(key, wanted, max_age):
                return self._cache[key].board
            version, fetched = self.version, time.monotonic()
            board = fetch()
            self.keep(principal, version, board, fetched)
            return board

    def keep(self, principal, version, board, fetched=None):
        """A board whose fetch started at ``version`` (a stream's first is fetched outside the
        feed); an older one never replaces a newer."""
        key = tuple(sorted(principal.get("roles") or ()))
        entry = self._cache.get(key)
        if entry is None or entry.version <= version:
            self._cache[key] = _Entry(version, fetched or time.monotonic(), board)

    def _fresh(self, key, version, max_age):
        entry = self._cache.get(key)
        if entry is None or entry.version < version:
            return False
        return max_age is None or time.monotonic() - entry.fetched <= max_age


FEED = BoardFeed()


def after_rpc(service, method, answer=None):
    """The gateway's answer from a dispatch command: its change is committed, wake the boards
    now (the event follows, but this process need not wait for it)."""
    if service != "dispatch" or method in reads():
        return
    if method == "report_incident" and isinstance(answer, dict) and answer.get("incident_id"):
        FEED.reported(answer["incident_id"])
    else:
        FEED.changed()

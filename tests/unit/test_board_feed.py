"""The live board's feed: a change wakes every waiting stream, the board is fetched once per
change and role set however many streams want it, a change during a fetch is not lost, the
fallback takes a recent board, and only dispatch's commands wake the boards."""
import eventlet
import pytest

from weiquan.kit.errors import AppError

from gateway import board_feed
from gateway.board_feed import BoardFeed

pytestmark = pytest.mark.unit
CC = {"username": "cc", "roles": ["command_center"]}
CC2 = {"username": "cc2", "roles": ["command_center"]}
OFFICE = {"username": "office", "roles": ["committee_office"]}


class Dispatch:
    """dispatch.board: counts its calls; each board names the call that made it."""

    def __init__(self, pause=0.0):
        self.calls, self.pause = 0, pause

    def fetch(self):
        self.calls += 1
        n = self.calls
        eventlet.sleep(self.pause)
        return {"n": n}


def test_a_change_wakes_every_waiting_stream_and_one_fetch_serves_them_all():
    feed, dispatch = BoardFeed(), Dispatch(pause=0.01)
    seen = feed.version

    def stream(principal):
        assert feed.wait(seen, 5) is True
        return feed.board(principal, dispatch.fetch)

    streams = [eventlet.spawn(stream, p) for p in (CC, CC2) * 5]
    eventlet.sleep(0)  # every stream waits
    feed.changed()
    boards = [s.wait() for s in streams]
    assert dispatch.calls == 1 and boards == [{"n": 1}] * 10


def test_each_role_set_is_fetched_with_its_own_principal():
    feed, dispatch = BoardFeed(), Dispatch()
    assert feed.board(CC, dispatch.fetch) == {"n": 1}
    assert feed.board(OFFICE, dispatch.fetch) == {"n": 2}
    assert feed.board(CC2, dispatch.fetch) == {"n": 1}  # same roles as CC
    assert dispatch.calls == 2


def test_a_change_during_a_fetch_makes_the_next_board_fresh():
    feed, dispatch = BoardFeed(), Dispatch(pause=0.05)
    first = eventlet.spawn(feed.board, CC, dispatch.fetch)
    eventlet.sleep(0.01)           # the fetch is under way...
    seen = feed.version
    feed.changed()                 # ...when the board changes again
    assert first.wait() == {"n": 1}
    assert feed.wait(seen, 0) is True
    assert feed.board(CC, dispatch.fetch) == {"n": 2}
    assert feed.board(CC, dispatch.fetch) == {"n": 2} and dispatch.calls == 2


def test_without_a_change_the_wait_times_out_and_the_fallback_takes_a_recent_board():
    feed, dispatch = BoardFeed(), Dispatch()
    feed.keep(CC, feed.version, {"n": 0})
    assert feed.wait(feed.version, 0.01) is False
    assert feed.board(CC, dispatch.fetch, max_age=60) == {"n": 0}   # recent enough
    assert feed.board(CC, dispatch.fetch, max_age=0) == {"n": 1}    # too old: fetched
    assert dispatch.calls == 1


def test_a_failed_fetch_reaches_the_caller_and_is_not_kept():
    feed, dispatch = BoardFeed(), Dispatch()

    def refuse():
        raise AppError("service_unavailable", "服务不可用", "Service unavailable", status=503)

    with pytest.raises(AppError):
        feed.board(CC, refuse)
    assert feed.board(CC, dispatch.fetch) == {"n": 1}


def test_only_a_dispatch_command_wakes_the_boards(monkeypatch):
    feed = BoardFeed()
    monkeypatch.setattr(board_feed, "FEED", feed)
    for service, method in (("dispatch", "board"), ("dispatch", "list_incidents"),
                            ("dispatch", "get_protective_order"), ("dispatch", "ping"),
                            ("intake", "submit_application")):
        board_feed.after_rpc(service, method)
    assert feed.version == 0
    board_feed.after_rpc("dispatch", "report_incident")
    board_feed.after_rpc("dispatch", "close_incident")
    assert feed.version == 2


def test_the_event_of_a_report_this_process_answered_wakes_nobody_again(monkeypatch):
    feed = BoardFeed()
    monkeypatch.setattr(board_feed, "FEED", feed)
    board_feed.after_rpc("dispatch", "report_incident", {"incident_id": "i-1", "case_no": None})
    assert feed.version == 1
    feed.event({"event_type": "incident_reported", "incident_id": "i-1"})
    assert feed.version == 1                       # the board after the answer shows it
    feed.event({"event_type": "incident_reported", "incident_id": "i-1"})  # redelivered
    feed.event({"event_type": "incident_reported", "incident_id": "i-2"})  # another process's
    feed.event({"event_type": "units_dispatched", "incident_id": "i-1"})
    assert feed.version == 4


def test_streams_queued_behind_a_fetch_take_its_board_even_if_more_changes_came():
    """No convoy: each queued stream would otherwise fetch again, one after the other."""
    feed, dispatch = BoardFeed(), Dispatch(pause=0.05)
    streams = [eventlet.spawn(feed.board, CC, dispatch.fetch) for _ in range(10)]
    eventlet.sleep(0.01)   # the first fetches, nine wait for it...
    for _ in range(3):
        feed.changed()     # ...while the board changes again
    assert [s.wait() for s in streams] == [{"n": 1}] * 10 and dispatch.calls == 1
    assert feed.board(CC, dispatch.fetch) == {"n": 2}  # the later changes: one more fetch


def test_streams_sending_the_same_board_make_its_json_once():
    from gateway.handlers import incidents
    shaped = []

    def shape(board):
        shaped.append(board)
        return board

    board = {"incidents": [{"incident_id": "i-1", "place": "城关镇"}]}
    texts = {incidents._text(board, shape) for _ in range(10)}
    assert texts == {'{"incidents": [{"incident_id": "i-1", "place": "城关镇"}]}'}
    assert len(shaped) == 1
    incidents._text(dict(board), shape)  # another board (the next fetch): made again
    assert len(shaped) == 2

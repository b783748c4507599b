"""The command center's live board: incidents with their dispatches and every unit. The page is
rendered on the server (it works without JavaScript; a link refreshes it); /static/board.js
follows /board/stream, the API's event stream with the session's principal, and redraws the
same rows (incident_views.board_view) in place."""
from gateway.handlers import incidents
from gateway.pages.incident_views import board_view
from gateway.pages.views import minute_of

BOARD_SIZE = "50"  # the incidents dispatch's board RPC holds, in the same order


def board_page(ctx):
    answer = ctx.perform("list_incidents", query={"page_size": BOARD_SIZE})
    units = ctx.perform("list_units")["items"]
    return ctx.render("command_board.html", board=board_view(answer["items"], units),
                      updated=minute_of(ctx.now.isoformat()))


def _rows(board):
    return board_view(board["incidents"], board["units"])


def board_stream(ctx):
    """text/event-stream: each `data:` line is the board's rows as JSON, sent when changed."""
    from gateway.operations import BY_NAME
    return incidents.board_stream(ctx.gw, ctx.request, BY_NAME["incident_stream"],
                                  ctx.principal, shape=_rows)

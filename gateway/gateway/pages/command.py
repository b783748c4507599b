"""The command center's pages (Art. 13, 20): incidents, dispatch, the live board, protective
orders. Each POST row's access is the policy action of the operation it performs."""
from gateway.pages import board_live, incident_pages as inc, order_pages, unit_pages
from gateway.pages.page import Page


def _dispatch(action):
    return ("dispatch", action)


PAGES = (
    Page("GET", "/incidents", "incidents_page", "警情处置", inc.incidents_page,
         access=_dispatch("list_incidents"), nav="警情处置"),
    Page("POST", "/incidents", "report_incident_submit", "上报警情", inc.report_submit,
         access=_dispatch("report_incident")),
    Page("GET", "/incidents/{incident_id}", "incident_page", "警情详情", inc.incident_page,
         access=_dispatch("get_incident")),
    Page("POST", "/incidents/{incident_id}/dispatch", "dispatch_units_submit", "派警",
         inc.dispatch_submit, access=_dispatch("dispatch_units")),
    Page("POST", "/incidents/{incident_id}/close", "close_incident_submit", "结束警情",
         inc.close_submit, access=_dispatch("close_incident")),
    Page("POST", "/dispatches/{dispatch_id}/acknowledge", "acknowledge_submit", "确认接警",
         inc.acknowledge_submit, access=_dispatch("acknowledge")),
    Page("POST", "/dispatches/{dispatch_id}/arrive", "arrive_submit", "到达现场",
         inc.arrive_submit, access=_dispatch("arrive")),
    Page("GET", "/units", "units_page", "警力", unit_pages.units_page,
         access=_dispatch("list_units")),
    Page("POST", "/units", "register_unit_submit", "登记警力", unit_pages.register_submit,
         access=_dispatch("register_unit")),
    Page("POST", "/units/{unit_id}/status", "unit_status_submit", "设置警力状态",
         unit_pages.status_submit, access=_dispatch("set_unit_status")),
    Page("GET", "/protective-orders", "protective_order_form", "签发保护令（第二十条）",
         order_pages.order_form, access=_dispatch("issue_protective_order")),
    Page("POST", "/protective-orders", "protective_order_submit", "签发保护令（第二十条）",
         order_pages.order_submit, access=_dispatch("issue_protective_order")),
    Page("GET", "/protective-orders/{order_id}", "protective_order_page", "保护令",
         order_pages.order_page, access=_dispatch("get_protective_order")),
    Page("POST", "/protective-orders/{order_id}/extension", "protective_order_extension_submit",
         "保护令延期", order_pages.extension_submit,
         access=_dispatch("extend_protective_order")),
    Page("POST", "/protective-orders/{order_id}/revocation",
         "protective_order_revocation_submit", "撤销保护令", order_pages.revocation_submit,
         access=_dispatch("revoke_protective_order")),
    Page("GET", "/board", "board_page", "警情看板", board_live.board_page,
         access=_dispatch("board"), nav="警情看板"),
    Page("GET", "/board/stream", "board_stream_page", "警情看板实时更新",
         board_live.board_stream, access=_dispatch("board")),
)

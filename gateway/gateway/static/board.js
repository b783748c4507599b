/* The live board, as progressive enhancement of the server-rendered /board page: it follows
   /board/stream (server-sent events; the session cookie authenticates it) and redraws the two
   tables in place with the rows the server sends, the same words the page was rendered with.
   Data only ever goes into textContent and attributes, never innerHTML. The connection's
   state is said in words in the page's aria-live region. */
(function () {
  "use strict";
  var incidents = document.getElementById("board-incidents");
  var units = document.getElementById("board-units");
  var state = document.getElementById("board-state");
  var updated = document.getElementById("board-updated");
  if (!incidents || !units || !state || !window.EventSource) {
    return; // the page as rendered, with its refresh link
  }
  var RETRY_MS = 10000;
  var source = null;

  function say(text, code) {
    if (state.textContent !== text) {
      state.textContent = text;
    }
    state.setAttribute("data-state", code);
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    return node;
  }

  function dispatchCell(list) {
    var td = el("td");
    if (!list.length) {
      td.textContent = "未派警";
      return td;
    }
    var ul = el("ul", null, {"class": "dispatch-list"});
    list.forEach(function (d) {
      var li = el("li", null, {"data-dispatch-id": d.dispatch_id, "data-state": d.state});
      li.appendChild(el("span", d.unit_name, {"class": "unit"}));
      li.appendChild(document.createTextNode("："));
      li.appendChild(el("span", d.state_label, {
        "class": d.state === "escalated" ? "dispatch-state late" : "dispatch-state"}));
      ul.appendChild(li);
    });
    td.appendChild(ul);
    return td;
  }

  function incidentRow(i) {
    var tr = el("tr", null, {"data-incident-id": i.incident_id, "data-status": i.status});
    var th = el("th", null, {"scope": "row"});
    th.appendChild(el("a", i.reported_at,
                      {"href": "/incidents/" + encodeURIComponent(i.incident_id)}));
    tr.appendChild(th);
    tr.appendChild(el("td", i.place));
    tr.appendChild(el("td", i.category));
    tr.appendChild(el("td", i.officers));
    tr.appendChild(el("td", (i.flags || []).join("、")));
    tr.appendChild(el("td", i.status_label));
    tr.appendChild(el("td", i.case_no || "案件生成中"));
    tr.appendChild(dispatchCell(i.dispatches || []));
    return tr;
  }

  function unitRow(u) {
    var tr = el("tr", null, {"data-unit-id": u.unit_id, "data-status": u.status});
    tr.appendChild(el("th", u.name, {"scope": "row"}));
    tr.appendChild(el("td", u.kind_label));
    tr.appendChild(el("td", u.status_label, {"class": "unit-status"}));
    return tr;
  }

  function empty(text, span) {
    var tr = el("tr");
    tr.appendChild(el("td", text, {"colspan": String(span)}));
    return tr;
  }

  function replaceRows(body, rows) {
    // Keep the keyboard where it was: refocus the same link after the redraw.
    var focused = document.activeElement;
    var href = body.contains(focused) && focused.getAttribute("href");
    while (body.firstChild) {
      body.removeChild(body.firstChild);
    }
    rows.forEach(function (row) { body.appendChild(row); });
    if (href) {
      var again = body.querySelector('a[href="' + href.replace(/"/g, "") + '"]');
      if (again) {
        again.focus();
      }
    }
  }

  function render(board) {
    var rows = (board.incidents || []).map(incidentRow);
    replaceRows(incidents, rows.length ? rows : [empty("暂无警情。", 8)]);
    rows = (board.units || []).map(unitRow);
    replaceRows(units, rows.length ? rows : [empty("尚未登记警力。", 3)]);
    if (updated) {
      updated.textContent = new Date().toLocaleString("zh-CN", {hour12: false});
    }
  }

  function connect() {
    say("正在连接实时更新…", "connecting");
    source = new EventSource("/board/stream");
    source.onopen = function () {
      say("已连接：警情和警力状态实时更新。", "live");
    };
    source.onmessage = function (event) {
      try {
        render(JSON.parse(event.data));
      } catch (err) {
        say("收到无法识别的更新，请点击刷新。", "error");
      }
    };
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        // Refused (e.g. the session ended): try again later; the refresh link always works.
        source.close();
        say("实时更新已断开，" + RETRY_MS / 1000 + " 秒后重试；如持续断开，请刷新页面或重新登录。",
            "closed");
        window.setTimeout(connect, RETRY_MS);
      } else {
        say("连接中断，正在重新连接…", "reconnecting");
      }
    };
  }

  connect();
}());

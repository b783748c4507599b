"""The command center's live incident board (Simplified Chinese, plain JS, no build step).
It follows GET /api/incidents/stream with EventSource, which cannot send headers: the token
rides in the query string of that one route."""
BOARD_HTML = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>指挥中心 警情看板</title>
<style>body{font-family:sans-serif;margin:1em 2em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.3em;vertical-align:top}.esc{background:#fdd}
.ag{font-weight:bold;color:#a00}.closed{color:#888}#state{margin-left:1em}.err{color:#b00}
</style></head>
<body><h1>指挥中心 警情看板</h1>
<section id="login"><label>用户名 <input id="u" value="command_center"></label>
<label>密码 <input id="p" type="password"></label> <button id="go">登录并连接</button>
<span id="state">未连接</span></section>
<p class="err" id="err"></p>
<h2>警情</h2>
<table><thead><tr><th>上报时间</th><th>类别</th><th>地点</th><th>涉事民警</th><th>标记</th>
<th>状态</th><th>案件编号</th><th>派警情况</th></tr></thead><tbody id="incidents"></tbody></table>
<h2>警力</h2>
<table><thead><tr><th>名称</th><th>类别</th><th>状态</th></tr></thead><tbody id="units"></tbody></table>
<script>
const $ = id => document.getElementById(id);
const STATE = {awaiting_ack: "待确认", acknowledged: "已确认", arrived: "已到场",
               escalated: "超时未确认（已上报）", open: "处置中", closed: "已结束",
               available: "可调派", dispatched: "已派出", on_scene: "在现场", off_duty: "休息"};
const KIND = {patrol: "巡逻", investigation: "侦查", traffic: "交警", special: "特警"};
function cell(tr, text, cls) {
  const td = document.createElement("td"); td.textContent = text == null ? "" : text;
  if (cls) td.className = cls; tr.appendChild(td); return td;
}
function render(board) {
  const rows = $("incidents"); rows.innerHTML = "";
  for (const i of board.incidents) {
    const tr = document.createElement("tr");
    if (i.status === "closed") tr.className = "closed";
    if (i.dispatches.some(d => d.state === "escalated")) tr.className = "esc";
    cell(tr, new Date(i.reported_at).toLocaleString("zh-CN"));
    cell(tr, i.category); cell(tr, i.place);
    cell(tr, i.officers.map(o => o.name + "（" + o.unit + "）").join("、"));
    cell(tr, [i.anti_gang ? "扫黑除恶" : "", i.injury ? "有伤" : "", i.ongoing ? "进行中" : ""]
      .filter(Boolean).join(" "), i.anti_gang ? "ag" : "");
    cell(tr, STATE[i.status]); cell(tr, i.case_no || "生成中");
    cell(tr, i.dispatches.map(d => d.unit_name + "：" + STATE[d.state]).join("；"));
    rows.appendChild(tr);
  }
  const units = $("units"); units.innerHTML = "";
  for (const u of board.units) {
    const tr = document.createElement("tr");
    cell(tr, u.name); cell(tr, KIND[u.kind] || u.kind); cell(tr, STATE[u.status] || u.status);
    units.appendChild(tr);
  }
}
let source = null;
function connect(token) {
  if (source) source.close();
  source = new EventSource("/api/incidents/stream?token=" + encodeURIComponent(token));
  source.onopen = () => { $("state").textContent = "已连接，实时更新"; };
  source.onmessage = e => render(JSON.parse(e.data));
  source.onerror = () => { $("state").textContent = "连接中断，正在重连…"; };
}
$("go").onclick = async () => {
  const r = await fetch("/api/auth/login", {method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify({username: $("u").value, password: $("p").value})});
  const b = await r.json();
  if (!r.ok) { $("err").textContent = b.error.message; return; }
  $("err").textContent = ""; sessionStorage.setItem("wq_token", b.token); connect(b.token);
};
if (sessionStorage.getItem("wq_token")) connect(sessionStorage.getItem("wq_token"));
</script></body></html>
"""

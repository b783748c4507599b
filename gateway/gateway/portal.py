"""A first portal page: log in, file an application, see your cases (Simplified Chinese)."""
PORTAL_HTML = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>民警执法权威维护系统</title>
<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em}
fieldset{margin:1em 0}label{display:block;margin:.3em 0}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.3em}.err{color:#b00}</style></head>
<body><h1>赣县区公安局 维护民警执法权威工作系统</h1>
<section id="login"><h2>登录</h2>
<label>用户名 <input id="u" value="officer"></label>
<label>密码 <input id="p" type="password" value=""></label>
<button id="loginBtn">登录</button> <span id="who"></span></section>
<section id="cases"><h2>我的案件</h2><button id="reload">刷新</button>
<table><thead><tr><th>案件编号</th><th>状态</th><th>类别</th><th>受理决定期限</th></tr></thead>
<tbody id="rows"></tbody></table></section>
<p class="err" id="err"></p>
<p>接口文档：<a href="/api/openapi.json">/api/openapi.json</a></p>
<script>
let token = null;
const $ = id => document.getElementById(id);
async function api(path, opts = {}) {
  opts.headers = Object.assign({"Content-Type": "application/json"}, opts.headers || {});
  if (token) opts.headers.Authorization = "Bearer " + token;
  const r = await fetch(path, opts); const body = await r.json();
  if (!r.ok) { $("err").textContent = body.error.message; throw body; }
  $("err").textContent = ""; return body;
}
$("loginBtn").onclick = async () => {
  const b = await api("/api/auth/login", {method: "POST",
    body: JSON.stringify({username: $("u").value, password: $("p").value})});
  token = b.token; $("who").textContent = "已登录：" + b.roles.join(","); load();
};
async function load() {
  const b = await api("/api/cases");
  $("rows").innerHTML = "";
  for (const c of b.items) {
    const tr = document.createElement("tr");
    for (const v of [c.case_no, c.status, c.category, c.decision_due ? c.decision_due.due : ""]) {
      const td = document.createElement("td"); td.textContent = v; tr.appendChild(td);
    }
    $("rows").appendChild(tr);
  }
}
$("reload").onclick = load;
</script></body></html>
"""

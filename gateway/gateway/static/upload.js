/* Upload forms (form[data-upload]) with a progress bar: the same multipart POST the plain form
   makes, sent through XMLHttpRequest so the <progress> and a spoken "已上传 N%" can follow it.
   When it is done the browser goes where the server's 303 pointed (xhr.responseURL); a refusal
   or an error page replaces the page's content, with its message at the field. Without this
   script the form posts as it is and the browser follows the 303 itself. */
(function () {
  "use strict";

  var SPEAK_EVERY = 10;  // percent between spoken updates, so a screen reader is not flooded

  function enhance(form) {
    var box = form.querySelector("[data-upload-progress]");
    var bar = box && box.querySelector("progress");
    var status = box && box.querySelector("[data-upload-status]");
    if (!bar || !status || !window.FormData || !window.XMLHttpRequest || !window.DOMParser) {
      return;
    }
    form.addEventListener("submit", function (event) {
      if (!form.checkValidity()) {
        return;  // the browser shows what is missing
      }
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      var xhr = new XMLHttpRequest();
      var spoken = 0;
      xhr.open("POST", form.action);
      xhr.upload.onprogress = function (e) {
        if (!e.lengthComputable) {
          return;
        }
        var pct = Math.min(100, Math.floor(e.loaded * 100 / e.total));
        bar.value = pct;
        bar.textContent = pct + "%";
        if (pct === 100 || pct - spoken >= SPEAK_EVERY) {
          spoken = pct;
          status.textContent = pct === 100 ? "已上传 100%，正在核对文件…" : "已上传 " + pct + "%";
        }
      };
      xhr.onload = function () {
        var moved = xhr.responseURL && xhr.responseURL !== form.action;
        if (xhr.status >= 200 && xhr.status < 300 && moved) {
          window.location.assign(xhr.responseURL);
        } else {
          show(xhr.responseText);
        }
      };
      xhr.onerror = xhr.onabort = xhr.ontimeout = function () {
        status.textContent = "上传失败：网络连接中断，文件未保存，请重试。";
        if (button) {
          button.disabled = false;
        }
      };
      box.hidden = false;
      bar.value = 0;
      status.textContent = "已上传 0%";
      if (button) {
        button.disabled = true;
      }
      xhr.send(new FormData(form));
    });
  }

  // The answer's <main> in place of this page's: the re-rendered form with each message at
  // its field, or the error page's message. Focus goes to the message so it is read out.
  function show(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("main");
    var main = document.querySelector("main");
    if (!fresh || !main) {
      return;
    }
    Array.prototype.forEach.call(fresh.querySelectorAll("script"), function (script) {
      script.parentNode.removeChild(script);  // this script is loaded already
    });
    main.replaceWith(document.importNode(fresh, true));
    main = document.querySelector("main");
    if (doc.title) {
      document.title = doc.title;
    }
    var message = main.querySelector("[role=alert], .error") || main;
    if (!message.hasAttribute("tabindex")) {
      message.setAttribute("tabindex", "-1");
    }
    message.focus();
    init(main);
  }

  function init(root) {
    Array.prototype.forEach.call(root.querySelectorAll("form[data-upload]"), enhance);
  }

  init(document);
}());

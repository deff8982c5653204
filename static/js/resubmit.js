/*
 * Fill in again what a form sent after the session ended (portal/security/expired_post.py).
 *
 * <script type="application/json" id="resubmit-data"> holds {"action": URL, "data": {name:
 * [values]}}: the form of this page that posts to that URL (its action or hx-post) gets the values back (hidden fields
 * keep the page's own values: the version a save must carry is the one just loaded). Nothing is
 * sent; #resubmit-note tells the user to check and submit.
 */
(function () {
  "use strict";

  function formFor(action) {
    var forms = document.querySelectorAll("form");
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      var hxPost = form.getAttribute("hx-post") || form.getAttribute("data-hx-post");
      if (!hxPost && (form.getAttribute("method") || "get").toLowerCase() !== "post") continue;
      var target = new URL(hxPost || form.getAttribute("action") || window.location.href, window.location.href);
      if (target.pathname === action) return form;
    }
    return null;
  }

  function fill(form, data) {
    var filled = 0;
    Object.keys(data).forEach(function (name) {
      var values = data[name];
      var fields = form.querySelectorAll("[name='" + name.replace(/['\\]/g, "\\$&") + "']");
      var next = 0;
      for (var i = 0; i < fields.length; i++) {
        var field = fields[i];
        var type = (field.type || "").toLowerCase();
        if (type === "hidden" || type === "file" || type === "submit" || type === "button" || type === "password") continue;
        if (type === "checkbox" || type === "radio") {
          field.checked = values.indexOf(field.value) !== -1;
        } else if (field.tagName === "SELECT" && field.multiple) {
          for (var j = 0; j < field.options.length; j++) {
            field.options[j].selected = values.indexOf(field.options[j].value) !== -1;
          }
        } else if (next < values.length) {
          field.value = values[next++];
        } else {
          continue;
        }
        // "input" only: a "change" would send a data-autosubmit form the user has not checked.
        field.dispatchEvent(new Event("input", { bubbles: true }));
        filled++;
      }
    });
    return filled;
  }

  function run() {
    var source = document.getElementById("resubmit-data");
    if (!source) return;
    var stash;
    try {
      stash = JSON.parse(source.textContent);
    } catch (e) {
      return;
    }
    var form = stash && formFor(stash.action);
    if (!form || !fill(form, stash.data || {})) return;
    var note = document.getElementById("resubmit-note");
    if (note) note.hidden = false;
    var first = form.querySelector("input:not([type=hidden]), textarea, select");
    if (first && typeof first.focus === "function") first.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();

/*
 * 工业节能诊断服务平台 — page behaviour.
 *
 * The Content-Security-Policy allows scripts from 'self' only: no inline <script>, no on*=
 * attributes, and htmx runs with allowEval off (no hx-on). Every behaviour is therefore here,
 * attached once to `document` (event delegation) and switched on by data-* attributes, so it
 * also works for content that htmx swaps in later.
 *
 *   data-confirm="Question?"      on a <form>, a submit button or a link: ask in #confirm-dialog
 *                                 first (for htmx requests too, instead of hx-confirm's window.confirm)
 *   data-confirm-ok="Label"       optional label of the confirm button for that question
 *   data-dialog-open="ID"         open <dialog id="ID"> as a modal
 *   data-dialog-close             close the enclosing <dialog>
 *   data-dismiss                  remove the enclosing .alert
 *   data-autosubmit               on a <form> (or one field): submit when a field changes
 *   data-select-all="NAME"        a checkbox that ticks every checkbox named NAME in its form
 *   data-print                    print the page
 *   data-tabs                     on a [role=tablist]: ARIA tabs with arrow-key navigation
 *   data-chart="JSON_ID"          draw an ECharts chart from <script type=application/json id=…>
 *   data-no-disable               on a POST form: keep the submit button enabled after submit
 *
 * Without attributes: the 菜单 button (.mainnav__toggle) folds the main navigation on narrow
 * screens; every .table-wrap that scrolls gets keyboard access (tabindex, role=region, a name)
 * and a visible cue (a hint line and faded edges); an htmx swap that removes the focused control
 * puts the focus in the new content — see "accessibility" below.
 *
 * The server may also send `HX-Trigger: portal:close-dialog` to close the open dialog.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

  var HTMX_VERBS = ["hx-get", "hx-post", "hx-put", "hx-patch", "hx-delete"];
  var lastSubmitter = null;

  function isHtmxDriven(el) {
    if (!el || !el.getAttribute) return false;
    for (var i = 0; i < HTMX_VERBS.length; i++) {
      if (el.hasAttribute(HTMX_VERBS[i]) || el.hasAttribute("data-" + HTMX_VERBS[i])) return true;
    }
    var boosted = el.closest("[hx-boost], [data-hx-boost]");
    return !!boosted && (boosted.getAttribute("hx-boost") || boosted.getAttribute("data-hx-boost")) === "true";
  }

  /* ------------------------------------------------------------ confirm dialog */

  function askConfirm(message, okLabel) {
    var dialog = document.getElementById("confirm-dialog");
    if (!dialog || typeof dialog.showModal !== "function") {
      return Promise.resolve(window.confirm(message));
    }
    var text = dialog.querySelector("[data-confirm-message]");
    var ok = dialog.querySelector("button[value='ok']");
    if (ok && !ok.hasAttribute("data-default-label")) {
      ok.setAttribute("data-default-label", ok.textContent);
    }
    if (text) text.textContent = message;
    if (ok) ok.textContent = okLabel || ok.getAttribute("data-default-label");
    var opener = document.activeElement;
    return new Promise(function (resolve) {
      function onClose() {
        dialog.removeEventListener("close", onClose);
        document.body.classList.remove("has-modal");
        if (opener && typeof opener.focus === "function") opener.focus();
        resolve(dialog.returnValue === "ok");
      }
      dialog.returnValue = "";
      dialog.addEventListener("close", onClose);
      document.body.classList.add("has-modal");
      dialog.showModal();
    });
  }

  function confirmSource(form, submitter) {
    if (submitter && submitter.hasAttribute("data-confirm")) return submitter;
    if (form.hasAttribute("data-confirm")) return form;
    return null;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button, input[type='submit'], input[type='image']");
    if (button && button.form && (button.type === "submit" || button.type === "image")) {
      lastSubmitter = button;
    }
  }, true);

  // Capture phase on document: runs before htmx's own listener on the form.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method === "dialog") return;
    var submitter = event.submitter || (lastSubmitter && lastSubmitter.form === form ? lastSubmitter : null);
    lastSubmitter = null;
    if (isHtmxDriven(form)) return; // htmx:confirm below asks for htmx forms
    var source = confirmSource(form, submitter);
    if (!source || form.__portalConfirmed) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    askConfirm(source.getAttribute("data-confirm"), source.getAttribute("data-confirm-ok")).then(function (yes) {
      if (!yes) return;
      form.__portalConfirmed = true;
      try {
        if (typeof form.requestSubmit === "function") {
          form.requestSubmit(submitter || undefined);
        } else {
          if (submitter && submitter.name) {
            var carry = document.createElement("input");
            carry.type = "hidden";
            carry.name = submitter.name;
            carry.value = submitter.value;
            form.appendChild(carry);
          }
          form.submit();
        }
      } finally {
        form.__portalConfirmed = false;
      }
    });
  }, true);

  // A link with data-confirm (GET only: anything that changes data is a POST form).
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-confirm][href]");
    if (!link || isHtmxDriven(link) || event.defaultPrevented) return;
    event.preventDefault();
    askConfirm(link.getAttribute("data-confirm"), link.getAttribute("data-confirm-ok")).then(function (yes) {
      if (yes) window.location.assign(link.href);
    });
  });

  document.addEventListener("htmx:confirm", function (event) {
    var detail = event.detail || {};
    var elt = detail.elt;
    var trigger = detail.triggeringEvent;
    var submitter = trigger && trigger.submitter;
    var source = null;
    if (submitter && submitter.hasAttribute && submitter.hasAttribute("data-confirm")) {
      source = submitter;
    } else if (elt && elt.hasAttribute && elt.hasAttribute("data-confirm")) {
      source = elt;
    }
    var question = detail.question || (source && source.getAttribute("data-confirm"));
    if (!question) return;
    event.preventDefault();
    askConfirm(question, source && source.getAttribute("data-confirm-ok")).then(function (yes) {
      if (yes) detail.issueRequest(true);
    });
  });

  /* ------------------------------------------------------------ double-submit guard */

  // After a normal (non-htmx) POST leaves, grey out the button that sent it, so an impatient
  // second click does not create a second submission. Deferred: a disabled submitter would
  // otherwise drop its own name=value from the form data.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return;
    if (form.method !== "post" || isHtmxDriven(form) || form.hasAttribute("data-no-disable")) return;
    if (form.target && form.target !== "_self") return;
    var submitter = event.submitter || form.querySelector("[type='submit']");
    if (!submitter) return;
    window.setTimeout(function () {
      submitter.disabled = true;
      submitter.setAttribute("aria-busy", "true");
      submitter.setAttribute("data-portal-disabled", "");
    }, 0);
    // A POST that answers with a download leaves the page in place: give the button back.
    window.setTimeout(enableSubmitters, 8000);
  });

  function enableSubmitters() {
    document.querySelectorAll("[data-portal-disabled]").forEach(function (el) {
      el.disabled = false;
      el.removeAttribute("aria-busy");
      el.removeAttribute("data-portal-disabled");
    });
  }
  window.addEventListener("pageshow", enableSubmitters);

  /* ------------------------------------------------------------ dialogs */

  function openDialog(dialog, opener) {
    if (!dialog || typeof dialog.showModal !== "function" || dialog.open) return;
    dialog.__opener = opener || document.activeElement;
    document.body.classList.add("has-modal");
    dialog.showModal();
  }

  function closeDialog(dialog) {
    if (dialog && dialog.open) dialog.close();
  }

  document.addEventListener("close", function (event) {
    var dialog = event.target;
    if (!(dialog instanceof HTMLElement) || dialog.tagName !== "DIALOG" || dialog.id === "confirm-dialog") return;
    document.body.classList.remove("has-modal");
    if (dialog.__opener && document.contains(dialog.__opener)) dialog.__opener.focus();
    dialog.__opener = null;
  }, true);

  document.addEventListener("click", function (event) {
    var target = event.target;
    var opener = target.closest("[data-dialog-open]");
    if (opener) {
      event.preventDefault();
      openDialog(document.getElementById(opener.getAttribute("data-dialog-open")), opener);
      return;
    }
    var closer = target.closest("[data-dialog-close]");
    if (closer) {
      event.preventDefault();
      closeDialog(closer.closest("dialog"));
      return;
    }
    // A click on the backdrop lands on the <dialog> element itself.
    if (target.tagName === "DIALOG" && target.open && !target.hasAttribute("data-modal-strict")) {
      var box = target.getBoundingClientRect();
      var inside = event.clientX >= box.left && event.clientX <= box.right &&
        event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) target.close("cancel");
    }
  });

  document.addEventListener("portal:close-dialog", function () {
    document.querySelectorAll("dialog[open]").forEach(closeDialog);
  });

  /* ------------------------------------------------------------ alerts, print, select-all */

  document.addEventListener("click", function (event) {
    var dismiss = event.target.closest("[data-dismiss]");
    if (dismiss) {
      var alert = dismiss.closest(".alert");
      if (alert) alert.remove();
      return;
    }
    if (event.target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  });

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.matches && box.matches("input[type='checkbox'][data-select-all]")) {
      var scope = box.form || document;
      var name = box.getAttribute("data-select-all");
      scope.querySelectorAll("input[type='checkbox']").forEach(function (other) {
        if (other.name === name && !other.disabled) other.checked = box.checked;
      });
      return;
    }
    var auto = box.closest && box.closest("[data-autosubmit]");
    if (auto && box.form) {
      if (typeof box.form.requestSubmit === "function") box.form.requestSubmit();
      else box.form.submit();
    }
  });

  /* ------------------------------------------------------------ user menu (<details>) */

  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.user-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var menu = document.querySelector("details.user-menu[open]");
    if (menu) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    }
  });

  /* ------------------------------------------------------------ tabs */

  function selectTab(tab, focus) {
    var list = tab.closest("[role='tablist']");
    list.querySelectorAll("[role='tab']").forEach(function (other) {
      var selected = other === tab;
      other.setAttribute("aria-selected", selected ? "true" : "false");
      other.tabIndex = selected ? 0 : -1;
      var panel = document.getElementById(other.getAttribute("aria-controls"));
      if (panel) panel.hidden = !selected;
    });
    if (focus) tab.focus();
  }

  document.addEventListener("click", function (event) {
    var tab = event.target.closest("[data-tabs] [role='tab']");
    if (tab && tab.tagName === "BUTTON") selectTab(tab, false);
  });

  document.addEventListener("keydown", function (event) {
    var tab = event.target.closest && event.target.closest("[data-tabs] [role='tab']");
    if (!tab) return;
    var tabs = Array.prototype.slice.call(tab.closest("[role='tablist']").querySelectorAll("[role='tab']"));
    var i = tabs.indexOf(tab);
    var next = null;
    if (event.key === "ArrowRight") next = tabs[(i + 1) % tabs.length];
    else if (event.key === "ArrowLeft") next = tabs[(i - 1 + tabs.length) % tabs.length];
    else if (event.key === "Home") next = tabs[0];
    else if (event.key === "End") next = tabs[tabs.length - 1];
    if (!next) return;
    event.preventDefault();
    if (next.tagName === "BUTTON") selectTab(next, true);
    else next.focus();
  });

  function openTabFromHash() {
    if (!location.hash) return;
    var tab = document.getElementById(location.hash.slice(1));
    if (tab && tab.matches("[data-tabs] button[role='tab']")) selectTab(tab, false);
  }

  /* ------------------------------------------------------------ charts (ECharts) */

  var PALETTE = ["#0b4ea2", "#2e9e5b", "#d48806", "#5b3ea8", "#0e8a96", "#c8161d", "#7a8699", "#8c6d1f"];

  function drawCharts(scope) {
    if (!window.echarts || !scope.querySelectorAll) return;
    var locale = (root.lang || "").toLowerCase().indexOf("zh") === 0 ? "ZH" : "EN";
    scope.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.__chart) return;
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) return;
      var option;
      try {
        option = JSON.parse(source.textContent);
      } catch (err) {
        return;
      }
      if (!option.color) option.color = PALETTE;
      if (!option.textStyle) option.textStyle = { fontFamily: getComputedStyle(document.body).fontFamily };
      if (!option.aria) option.aria = { enabled: true };
      el.textContent = "";
      var chart = window.echarts.init(el, null, { locale: locale });
      chart.setOption(option);
      el.__chart = chart;
      if (window.ResizeObserver) {
        new ResizeObserver(function () { chart.resize(); }).observe(el);
      }
    });
  }

  document.addEventListener("htmx:beforeCleanupElement", function (event) {
    var el = event.target;
    if (el && el.__chart) {
      el.__chart.dispose();
      el.__chart = null;
    }
  });

  /* ------------------------------------------------------------ htmx feedback */

  function showError(text) {
    var box = document.getElementById("messages");
    if (!box || !text) return;
    // A failing poll (every 2 s) must not pile up the same alert.
    var shown = box.querySelectorAll(".alert__body");
    for (var i = 0; i < shown.length; i++) {
      if (shown[i].textContent === text) return;
    }
    var alert = document.createElement("div");
    alert.className = "alert alert--error";
    alert.setAttribute("role", "alert");
    var body = document.createElement("div");
    body.className = "alert__body";
    body.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "alert__close";
    close.setAttribute("data-dismiss", "");
    close.setAttribute("aria-label", document.body.getAttribute("data-msg-close") || "Close");
    close.innerHTML = '<span class="icon icon--close" aria-hidden="true"></span>';
    alert.appendChild(body);
    alert.appendChild(close);
    box.appendChild(alert);
  }

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail && event.detail.xhr ? event.detail.xhr.status : 0;
    var key = status === 403 ? "data-msg-forbidden" : status === 404 ? "data-msg-not-found" : "data-msg-request-failed";
    showError(document.body.getAttribute(key) || document.body.getAttribute("data-msg-request-failed"));
  });

  document.addEventListener("htmx:sendError", function () {
    showError(document.body.getAttribute("data-msg-network"));
  });

  document.addEventListener("htmx:load", function (event) {
    drawCharts(event.detail && event.detail.elt ? event.detail.elt : document);
  });

  /* ------------------------------------------------------------ accessibility */

  // The main navigation folds under a 菜单 button where the screen is narrow (phones, or a
  // desktop window at 200 % zoom); the breakpoint matches the one in portal.css.
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 760px)") : null;

  function setMenu(nav, open) {
    var toggle = nav.querySelector(".mainnav__toggle");
    if (!toggle) return;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("mainnav--collapsed", !open);
  }

  function layoutMenu() {
    document.querySelectorAll(".mainnav").forEach(function (nav) {
      var toggle = nav.querySelector(".mainnav__toggle");
      if (!toggle) return;
      var isNarrow = !!(narrow && narrow.matches);
      toggle.hidden = !isNarrow;
      setMenu(nav, !isNarrow);
    });
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".mainnav__toggle");
    if (!toggle) return;
    setMenu(toggle.closest(".mainnav"), toggle.getAttribute("aria-expanded") !== "true");
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var nav = event.target.closest ? event.target.closest(".mainnav") : null;
    var toggle = nav ? nav.querySelector(".mainnav__toggle") : null;
    if (toggle && !toggle.hidden && toggle.getAttribute("aria-expanded") === "true") {
      setMenu(nav, false);
      toggle.focus();
    }
  });

  if (narrow) {
    if (narrow.addEventListener) narrow.addEventListener("change", layoutMenu);
    else if (narrow.addListener) narrow.addListener(layoutMenu);
  }

  // A table too wide (or too long) for its box scrolls inside it: make that box reachable by
  // the keyboard and named for screen readers, and show a hint line above it and faded edges
  // on the side that has more (WCAG 2.1.1 and 1.4.10).
  function tableName(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var panel = wrap.closest(".panel, section");
    var heading = panel ? panel.querySelector("h2, h3, .panel__title") : null;
    if (heading && heading.textContent.trim()) return heading.textContent.trim();
    return document.body.getAttribute("data-msg-table") || "";
  }

  function markTable(wrap) {
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    var scrolls = wide || wrap.scrollHeight > wrap.clientHeight + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("data-a11y-tabindex", "");
    } else if (!scrolls && wrap.hasAttribute("data-a11y-tabindex")) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("data-a11y-tabindex");
    }
    if (scrolls && !wrap.hasAttribute("role")) wrap.setAttribute("role", "region");
    if (scrolls && !wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
      wrap.setAttribute("aria-label", tableName(wrap));
    }
    wrap.classList.toggle("table-wrap--scrolls", wide);
    wrap.classList.toggle("table-wrap--more-left", wide && wrap.scrollLeft > 1);
    wrap.classList.toggle(
      "table-wrap--more-right",
      wide && wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1
    );
    var hint = wrap.previousElementSibling;
    if (!hint || !hint.classList.contains("table-hint")) {
      if (!wide) return;
      hint = document.createElement("p");
      hint.className = "table-hint";
      hint.innerHTML = '<span class="icon icon--chevron-right" aria-hidden="true"></span>';
      hint.appendChild(document.createTextNode(document.body.getAttribute("data-msg-table-scroll") || ""));
      wrap.parentNode.insertBefore(hint, wrap);
    }
    hint.hidden = !wide;
  }

  // Both the box and the table in it are watched: a table grows wider without its box
  // changing size when web fonts arrive or htmx swaps rows into it.
  var tableObserver = window.ResizeObserver
    ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          var wrap = entry.target.closest(".table-wrap");
          if (wrap) markTable(wrap);
        });
      })
    : null;

  function watchTables(scope) {
    var around = scope.closest ? scope.closest(".table-wrap") : null;
    var wraps = around ? [around] : [];
    if (scope.querySelectorAll) wraps = wraps.concat([].slice.call(scope.querySelectorAll(".table-wrap")));
    wraps.forEach(function (wrap) {
      markTable(wrap);
      if (tableObserver) {
        tableObserver.observe(wrap);
        if (wrap.firstElementChild) tableObserver.observe(wrap.firstElementChild);
      }
    });
  }

  if (!tableObserver) {
    window.addEventListener("resize", function () {
      watchTables(document);
    });
  }
  window.addEventListener("load", function () {
    document.querySelectorAll(".table-wrap").forEach(markTable);
  });

  document.addEventListener(
    "scroll",
    function (event) {
      var wrap = event.target;
      if (wrap.classList && wrap.classList.contains("table-wrap")) markTable(wrap);
    },
    true
  );

  document.addEventListener("htmx:load", function (event) {
    watchTables(event.detail && event.detail.elt ? event.detail.elt : document);
  });

  // An htmx swap that replaces the control the keyboard was on (a row's 修改 button turning
  // the row into fields, 保存 or 取消 turning it back) would drop the focus to the top of the
  // page. Put it in the new content instead: its first field, else its row actions, else the
  // first control in it, else the content itself.
  var swapFocus = null;

  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement;
    var target = event.detail ? event.detail.target : null;
    swapFocus =
      active && active !== document.body && target && target.id && target.contains(active)
        ? target.id
        : null;
  });

  document.addEventListener("htmx:afterSettle", function () {
    var id = swapFocus;
    swapFocus = null;
    var active = document.activeElement;
    if (!id || (active && active !== document.body && document.contains(active))) return;
    var box = document.getElementById(id);
    if (!box) return;
    var next =
      box.querySelector(
        "[autofocus], input:not([type='hidden']):not([disabled]), select:not([disabled]), textarea:not([disabled])"
      ) ||
      box.querySelector(".actions button:not([disabled]), .actions a[href]") ||
      box.querySelector("button:not([disabled]), a[href], [tabindex]");
    if (!next) {
      box.setAttribute("tabindex", "-1");
      next = box;
    }
    next.focus();
  });

  function ready() {
    drawCharts(document);
    openTabFromHash();
    layoutMenu();
    watchTables(document);
  }

  // This file is deferred and runs before DOMContentLoaded; scripts that pages add in their
  // extra_js block (ECharts) run after it but before DOMContentLoaded, so wait for that.
  if (document.readyState === "complete") ready();
  else document.addEventListener("DOMContentLoaded", ready);
})();

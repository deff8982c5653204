/*
 * Dashboard charts: a click on a bar opens the rows behind it.
 *
 * portal.js draws every [data-chart] element from its JSON options block; an options block
 * may carry "links": links[seriesIndex][dataIndex] is the URL of that bar (a filtered view of
 * the dashboard, say). This file only adds those click handlers, after portal.js has drawn the
 * charts (it is loaded after portal.js, so its listeners run second), and again for content
 * htmx swaps in.
 */
(function () {
  "use strict";

  function linksOf(el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source) return null;
    try {
      return JSON.parse(source.textContent).links || null;
    } catch (err) {
      return null;
    }
  }

  function bindLinks(scope) {
    if (!scope.querySelectorAll) return;
    scope.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = el.__chart;
      if (!chart || el.__chartLinks) return;
      var links = linksOf(el);
      if (!links) return;
      el.__chartLinks = true;
      chart.on("click", function (params) {
        var row = links[params.seriesIndex];
        var url = row && row[params.dataIndex];
        if (url) window.location.assign(url);
      });
    });
  }

  document.addEventListener("htmx:load", function (event) {
    bindLinks(event.detail && event.detail.elt ? event.detail.elt : document);
  });

  if (document.readyState === "complete") bindLinks(document);
  else document.addEventListener("DOMContentLoaded", function () { bindLinks(document); });
})();

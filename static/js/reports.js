/*
 * Report editor: show only the equipment fields that apply to the chosen type
 * (poles for motors; flow, head, speed, stages and double suction for pumps).
 * Fields carry data-for-types="motor" (a space-separated list); the rest stay visible.
 * Runs on load and on every htmx swap, so the form keeps working after a row is added.
 */
(function () {
  "use strict";

  function sync(form) {
    var select = form.querySelector("select[name='equipment_type']");
    if (!select) return;
    var fields = form.querySelectorAll("[data-for-types]");
    for (var i = 0; i < fields.length; i++) {
      var types = fields[i].getAttribute("data-for-types").split(" ");
      var wrapper = fields[i].closest(".field") || fields[i];
      wrapper.hidden = types.indexOf(select.value) === -1;
    }
  }

  function syncAll(root) {
    var forms = (root || document).querySelectorAll("form[data-equipment-form]");
    for (var i = 0; i < forms.length; i++) sync(forms[i]);
  }

  document.addEventListener("change", function (event) {
    if (event.target.name === "equipment_type") {
      var form = event.target.closest("form[data-equipment-form]");
      if (form) sync(form);
    }
  });
  document.addEventListener("htmx:load", function (event) { syncAll(event.target); });

  // One row editor at a time. Saving a row, adding or removing one re-renders the whole data
  // part (the totals change), which would drop what is typed in another open editor; so while
  // a row is in edit mode, any other request on the data part is held back and the open editor
  // says so, with the focus in it. Its own save and cancel go through.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var open = document.querySelector("#report-data tr.row-edit");
    var source = event.detail.elt;
    if (!open || !source || !source.closest || !source.closest("#report-data")) return;
    if (open.contains(source)) return;
    event.preventDefault();
    var note = open.querySelector("[data-row-edit-note]");
    if (note) note.hidden = false;
    var field = open.querySelector("input:not([type=hidden]), select, textarea");
    if (field) field.focus();
  });
  document.addEventListener("DOMContentLoaded", function () { syncAll(document); });
})();

/*
 * Organizer workflow pages (work plan, intent list): small behaviours, switched on by data-*.
 * Loaded by those pages only; the CSP forbids inline scripts.
 *
 *   [data-plan-minimum="200"]  on the work plan: shows [data-plan-below] while the sum of the
 *                              five type counts is below the minimum (the reason is then needed)
 */
(function () {
  "use strict";

  var COUNT_FIELDS = ["key_industry", "sme", "key_equipment", "regional", "follow_up"];

  function planTotal(form) {
    var total = 0;
    COUNT_FIELDS.forEach(function (name) {
      var input = form.querySelector('[name="' + name + '"]');
      var value = input ? parseInt(input.value, 10) : 0;
      if (!isNaN(value) && value > 0) total += value;
    });
    return total;
  }

  function updatePlanHint() {
    var box = document.querySelector("[data-plan-minimum]");
    var form = document.getElementById("plan-form");
    if (!box || !form) return;
    var minimum = parseInt(box.getAttribute("data-plan-minimum"), 10) || 0;
    var hint = box.querySelector("[data-plan-below]");
    var total = planTotal(form);
    if (hint) hint.hidden = !(total > 0 && total < minimum);
  }

  document.addEventListener("input", function (event) {
    if (event.target && event.target.closest && event.target.closest("#plan-form")) updatePlanHint();
  });

  document.addEventListener("DOMContentLoaded", updatePlanHint);
})();

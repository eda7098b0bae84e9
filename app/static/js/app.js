// Progressive enhancement only: every page works without this file.
import { initAll } from "/static/vendor/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// After htmx swaps in a fragment, move focus to its error summary or its heading, so that
// screen reader users hear what changed.
document.body.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  const summary = target.querySelector(".govuk-error-summary");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
});

// Progressive enhancement only: every page works without this file.
import { initAll } from "/static/vendor/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Content that htmx swaps in gets the same GOV.UK Frontend behaviour as a full page: an
// error summary takes focus (so screen reader users hear what went wrong) and its links
// move focus to the field they name.
document.body.addEventListener("htmx:load", (event) => {
  const el = event.detail.elt;
  if (!(el instanceof HTMLElement) || el === document.body) return;
  initAll({ scope: el });
  const summary = el.matches(".govuk-error-summary") ? el : null;
  if (summary && document.activeElement !== summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
});

// After a fragment is swapped in without an error summary, announce it by moving focus to
// the first element that asks for it.
document.body.addEventListener("htmx:afterSettle", (event) => {
  const target = event.detail.elt instanceof HTMLElement ? event.detail.elt : null;
  const focus = target && target.isConnected ? target.querySelector("[data-focus-after-swap]") : null;
  if (focus instanceof HTMLElement && !document.querySelector(".govuk-error-summary")) {
    if (!focus.hasAttribute("tabindex")) focus.setAttribute("tabindex", "-1");
    focus.focus();
  }
});

// A change the page asked for in place was refused with a page that is not swapped in (a
// form changed by hand or out of date, a page not found): say so at the top of the page,
// in the words of that page, as text.
document.body.addEventListener("htmx:responseError", (event) => {
  const flash = document.getElementById("app-flash");
  const xhr = event.detail.xhr;
  if (!flash || !xhr) return;
  const page = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
  const heading = page.querySelector("main h1");
  const detail = page.querySelector("main h1 + .govuk-body");
  flash.textContent = [heading?.textContent, detail?.textContent]
    .filter(Boolean).join(". ") || "That did not work. Reload the page and try again.";
  flash.hidden = false;
  flash.focus();
});

// Escape closes the add or change panel of the mapping, as its Cancel link does.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const cancel = document.activeElement?.closest(".app-item-form")?.querySelector(".app-cancel");
  if (cancel) { event.preventDefault(); cancel.click(); }
});

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

// Drawing a picture with the child: strokes of points on a 1000 x 750 grid, sent as numbers
// in a hidden field; the server draws the picture itself. Without JavaScript the form only
// offers an upload.
const setUpDrawing = (box) => {
  if (box.dataset.ready) return;
  box.dataset.ready = "true";
  const canvas = box.querySelector("canvas");
  const field = box.querySelector('input[name="strokes"]');
  const colours = JSON.parse(box.dataset.colours);
  const pen = canvas.getContext("2d");
  const strokes = [];
  let colour = Object.keys(colours)[0];
  let current = null;
  box.hidden = false;

  const redraw = () => {
    pen.fillStyle = "#fff";
    pen.fillRect(0, 0, canvas.width, canvas.height);
    pen.lineWidth = 8; pen.lineCap = "round"; pen.lineJoin = "round";
    for (const s of strokes) {
      pen.strokeStyle = colours[s.colour]; pen.fillStyle = colours[s.colour];
      pen.beginPath();
      s.points.forEach(([x, y], i) => (i ? pen.lineTo(x, y) : pen.moveTo(x, y)));
      if (s.points.length === 1) pen.arc(s.points[0][0], s.points[0][1], 4, 0, 2 * Math.PI);
      s.points.length === 1 ? pen.fill() : pen.stroke();
    }
    field.value = strokes.length ? JSON.stringify(strokes) : "";
  };
  const at = (event) => {
    const r = canvas.getBoundingClientRect();
    return [Math.round((event.clientX - r.left) * canvas.width / r.width),
            Math.round((event.clientY - r.top) * canvas.height / r.height)];
  };
  canvas.addEventListener("pointerdown", (event) => {
    canvas.setPointerCapture(event.pointerId);
    current = { colour, points: [at(event)] };
    strokes.push(current);
    redraw();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!current) return;
    current.points.push(at(event));
    redraw();
  });
  const stop = () => { current = null; };
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  box.querySelectorAll("[data-colour]").forEach((button) => button.addEventListener("click", () => {
    colour = button.dataset.colour;
    box.querySelectorAll("[data-colour]").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
  }));
  box.querySelector('[data-draw="undo"]').addEventListener("click", () => { strokes.pop(); redraw(); });
  box.querySelector('[data-draw="clear"]').addEventListener("click", () => { strokes.length = 0; redraw(); });
  redraw();
};
for (const box of document.querySelectorAll(".app-draw")) setUpDrawing(box);
// A form swapped in by htmx (Words and Pictures adds its panels in place) draws too.
document.body.addEventListener("htmx:load", (event) => {
  event.detail.elt.querySelectorAll?.(".app-draw").forEach(setUpDrawing);
});

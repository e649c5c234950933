// Draws every <canvas data-chart="ID"> with Chart.js from the JSON in the element #ID, which
// a template writes with Django's json_script filter (no inline script, so the CSP holds):
//   {"type": "bar", "labels": [...], "datasets": [{"label": "...", "data": [...]}],
//    "options": {"indexAxis": "y"}}
// Datasets without colours get the palette below; "options" is merged over the defaults.
// The canvas needs role="img", an aria-label and a table with the same numbers nearby.
(() => {
  // Blue and orange stay distinguishable for the common colour-vision deficiencies.
  const PALETTE = ["#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#d63384", "#6c757d"];
  const BAR_HEIGHT = 14;
  // Chart.js draws tick labels at 12 px with a line height of 1.2.
  const LINE_HEIGHT = 15;

  const isObject = (value) => value && typeof value === "object" && !Array.isArray(value);

  function merge(target, source) {
    for (const [key, value] of Object.entries(source)) {
      target[key] = isObject(value) && isObject(target[key]) ? merge(target[key], value) : value;
    }
    return target;
  }

  function defaults(spec) {
    const options = {
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { position: "bottom" } },
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 } },
        y: { beginAtZero: true, ticks: { precision: 0 } },
      },
    };
    if (document.documentElement.lang) options.locale = document.documentElement.lang;
    if (window.matchMedia?.("(prefers-reduced-motion: reduce)").matches) {
      options.animation = false;
    }
    return merge(options, spec.options || {});
  }

  function render(canvas) {
    if (canvas.chart || typeof window.Chart === "undefined") return;
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    const spec = JSON.parse(source.textContent);
    const datasets = (spec.datasets || []).map((dataset, i) => {
      const colour = PALETTE[i % PALETTE.length];
      return { backgroundColor: colour, borderColor: colour, maxBarThickness: 32, ...dataset };
    });
    const labels = spec.labels || [];
    const horizontal = spec.options?.indexAxis === "y";
    // Horizontal bars grow with the number of rows; a fixed height would squash them, and
    // Chart.js would then skip labels. Every row is as tall as the tallest label (a label
    // given as a list of lines takes one line each), or the labels would overlap.
    const box = canvas.parentElement;
    box.style.position = "relative";
    const lines = Math.max(1, ...labels.map((label) => (Array.isArray(label) ? label.length : 1)));
    const row = Math.max(lines * LINE_HEIGHT, Math.max(datasets.length, 1) * BAR_HEIGHT) + 8;
    box.style.height = horizontal
      ? `${Math.max(180, labels.length * row + 90)}px`
      : box.style.height || "320px";
    const options = defaults(spec);
    // Every category keeps its label on the category axis (the chart is tall enough).
    if (horizontal) merge(options, { scales: { y: { ticks: { autoSkip: false } } } });
    canvas.chart = new window.Chart(canvas, {
      type: spec.type || "bar",
      data: { labels, datasets },
      options,
    });
  }

  function renderAll(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(render);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => renderAll(document));
  } else {
    renderAll(document);
  }
  // Pages that swap content with htmx get their new charts drawn too.
  document.addEventListener("htmx:afterSettle", (event) => renderAll(event.target));
})();

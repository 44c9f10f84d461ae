// The dashboard's learning curve: accuracy and macro-F1 per model version against labels.
// Each line is named at its last point, so nobody has to hunt for a legend.
// The figures and panels refresh every 15 s (htmx swaps them in place); a new canvas is drawn anew.
(() => {
  "use strict";

  function draw() {
    const canvas = document.getElementById("curve");
    if (!canvas || typeof Chart === "undefined" || Chart.getChart(canvas)) return;

    const points = JSON.parse(canvas.dataset.points);
    const texts = JSON.parse(canvas.dataset.texts);
    // colours from the style sheet, so that the chart follows dark mode
    const style = getComputedStyle(document.documentElement);
    const css = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    const accent = css("--accent", "#0f766e");
    const second = css("--chart-second", "#6366f1");
    const grid = css("--chart-grid", "#eef0f3");
    Chart.defaults.color = css("--muted", "#5b6675");

    // Names each line right of its last point; labels that would overlap are pushed apart.
    const endLabels = {
      id: "endLabels",
      afterDatasetsDraw(chart) {
        const { ctx } = chart;
        const tags = chart.data.datasets
          .map((dataset, i) => ({ dataset, meta: chart.getDatasetMeta(i) }))
          .filter(({ meta }) => !meta.hidden && meta.data.length > 0)
          .map(({ dataset, meta }) => {
            const last = meta.data[meta.data.length - 1];
            return { text: dataset.label, color: dataset.borderColor, x: last.x + 10, y: last.y };
          })
          .sort((a, b) => a.y - b.y);
        for (let i = 1; i < tags.length; i++) {
          tags[i].y = Math.max(tags[i].y, tags[i - 1].y + 15);
        }
        ctx.save();
        ctx.font = "600 12px system-ui, sans-serif";
        ctx.textBaseline = "middle";
        ctx.textAlign = "left";
        for (const tag of tags) {
          ctx.fillStyle = tag.color;
          ctx.fillText(tag.text, tag.x, tag.y);
        }
        ctx.restore();
      },
    };

    const series = (key, label, color, dash) => ({
      label,
      data: points.map((p) => ({ x: p.labels, y: p[key] })),
      borderColor: color,
      backgroundColor: color,
      borderDash: dash,
      pointRadius: 4,
      pointHoverRadius: 6,
      tension: 0.15,
    });

    new Chart(canvas, {
      type: "line",
      data: {
        datasets: [
          series("accuracy", texts.accuracy, accent, []),
          series("macroF1", texts.macroF1, second, [6, 4]),
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        layout: { padding: { top: 16, right: 84 } },
        interaction: { mode: "nearest", intersect: false },
        scales: {
          x: { type: "linear", title: { display: true, text: texts.x }, ticks: { precision: 0 }, grid: { color: grid } },
          y: { min: 0, max: 1, title: { display: true, text: texts.y }, grid: { color: grid } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => item.dataset.label + ": " + (item.parsed.y * 100).toFixed(1) + "%",
              footer: (items) => (items.length ? points[items[0].dataIndex].note : ""),
            },
          },
        },
      },
      plugins: [endLabels],
    });
  }

  draw();
  document.body.addEventListener("htmx:afterSettle", draw);
})();

// The dashboard's learning curve: accuracy and macro-F1 per model version against labels.
// Each line is named at its last point, so nobody has to hunt for a legend.
(() => {
  "use strict";

  const canvas = document.getElementById("curve");
  if (!canvas || typeof Chart === "undefined") return;

  const points = JSON.parse(canvas.dataset.points);
  const texts = JSON.parse(canvas.dataset.texts);
  const accent = "#0f766e";
  const second = "#6366f1";

  const endLabels = {
    id: "endLabels",
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      chart.data.datasets.forEach((dataset, i) => {
        const meta = chart.getDatasetMeta(i);
        const last = meta.data[meta.data.length - 1];
        if (!last || meta.hidden) return;
        ctx.save();
        ctx.fillStyle = dataset.borderColor;
        ctx.font = "600 12px system-ui, sans-serif";
        ctx.textBaseline = "middle";
        ctx.textAlign = "right";
        ctx.fillText(dataset.label, last.x - 8, last.y + (i === 0 ? -12 : 12));
        ctx.restore();
      });
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
      layout: { padding: { top: 16, right: 16 } },
      interaction: { mode: "nearest", intersect: false },
      scales: {
        x: { type: "linear", title: { display: true, text: texts.x }, ticks: { precision: 0 }, grid: { color: "#eef0f3" } },
        y: { min: 0, max: 1, title: { display: true, text: texts.y }, grid: { color: "#eef0f3" } },
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
})();

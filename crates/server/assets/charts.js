// Draws the dashboard's charts with uPlot from the page's JSON data block. Every chart has a
// table with the same numbers beside it, so a page without script loses nothing but the picture.
(function () {
  "use strict";
  var block = document.getElementById("chart-data");
  if (!block || typeof uPlot === "undefined") return;
  var data = JSON.parse(block.textContent);

  function width(el) { return Math.max(280, el.clientWidth || 600); }

  function verticalLines(marks) {
    return function (u) {
      var ctx = u.ctx, top = u.bbox.top, height = u.bbox.height;
      ctx.save();
      marks.forEach(function (m) {
        var x = u.valToPos(m.t, "x", true);
        if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
        ctx.strokeStyle = m.color;
        ctx.lineWidth = m.width * devicePixelRatio;
        ctx.beginPath();
        if (m.tick) { ctx.moveTo(x, top + height); ctx.lineTo(x, top + height - 8 * devicePixelRatio); }
        else { ctx.moveTo(x, top); ctx.lineTo(x, top + height); }
        ctx.stroke();
      });
      ctx.restore();
    };
  }

  function series(el) {
    var marks = (data.changes || []).map(function (c) {
      return { t: c.t, color: c.coercion ? "#a4161a" : "#2b8a3e", width: 2 };
    }).concat((data.alarms || []).map(function (t) { return { t: t, color: "#e8590c", width: 1, tick: true }; }));
    return new uPlot({
      width: width(el), height: 300,
      series: [{}, { label: "net conflict", stroke: "#0a4fa8", scale: "raw" },
               { label: "per 1,000 mentions", stroke: "#7048e8", scale: "norm" },
               { label: "material conflict", stroke: "#a4161a", scale: "raw", points: { show: true, size: 3 }, paths: function () { return null; } }],
      axes: [{}, { scale: "raw", label: "mentions" }, { scale: "norm", side: 1, grid: { show: false } }],
      hooks: { draw: [verticalLines(marks)] },
    }, [data.x, data.raw, data.normalized, data.material_conflict], el);
  }

  function history(el) {
    var h = data.history;
    if (!h || !h.x.length) { el.textContent = "No probability history."; return null; }
    return new uPlot({
      width: width(el), height: 240,
      scales: { y: { range: [0, 1] } },
      series: [{}, { label: "7 days", stroke: "#e8590c" }, { label: "30 days", stroke: "#0a4fa8" }, { label: "90 days", stroke: "#2b8a3e" }],
    }, [h.x, h.p[0], h.p[1], h.p[2]], el);
  }

  function reliability(el) {
    var s = data[Number(el.dataset.index)];
    if (!s || !s.curve.forecast.length) { el.textContent = "No reliability bins."; return null; }
    var pairs = s.curve.forecast.map(function (f, i) { return [f, s.curve.observed[i]]; }).sort(function (a, b) { return a[0] - b[0]; });
    var x = pairs.map(function (p) { return p[0]; });
    return new uPlot({
      width: width(el), height: 260, mode: 1,
      scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
      series: [{ label: "forecast" }, { label: "observed", stroke: "#0a4fa8", points: { show: true } }, { label: "perfect", stroke: "#868e96", dash: [4, 4] }],
    }, [x, pairs.map(function (p) { return p[1]; }), x], el);
  }

  var draw = { series: series, history: history, reliability: reliability };
  var charts = [];
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var make = draw[el.dataset.chart];
    if (make) { var chart = make(el); if (chart) charts.push([chart, el]); }
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c[0].setSize({ width: width(c[1]), height: c[0].height }); });
  });
})();

// Draws the interactive charts from the options jsbench wrote into the
// page as JSON. Everything else on the page is plain HTML.
(function () {
  "use strict";
  var data = document.getElementById("jsbench-charts");
  if (!data || typeof echarts === "undefined") {
    return;
  }
  var specs = JSON.parse(data.textContent);
  var drawn = [];
  specs.forEach(function (spec) {
    var el = document.getElementById(spec.id);
    if (!el) {
      return;
    }
    el.textContent = "";
    el.classList.add("chart-live");
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(spec.option);
    drawn.push(chart);
  });
  window.addEventListener("resize", function () {
    drawn.forEach(function (c) { c.resize(); });
  });
  document.documentElement.setAttribute("data-charts", String(drawn.length));
})();

// Draws the drivers chart from the figure the page embeds with json_script.
// A static file, so the Content-Security-Policy never needs to allow inline scripts.
(function () {
  "use strict";
  var target = document.getElementById("drivers-chart");
  var source = document.getElementById("drivers-figure");
  if (!target || !source || !window.Plotly) {
    return;
  }
  var figure = JSON.parse(source.textContent);
  window.Plotly.newPlot(target, figure.data, figure.layout, {
    displayModeBar: false,
    responsive: true,
  });
})();

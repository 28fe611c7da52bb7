// Draws every plotly figure a page embeds: <div data-figure="ID"> reads the JSON that
// json_script wrote into <script id="ID">. A static file, so no inline script is needed.
(function () {
  "use strict";
  if (!window.Plotly) {
    return;
  }
  document.querySelectorAll("[data-figure]").forEach(function (target) {
    var source = document.getElementById(target.dataset.figure);
    if (!source) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(target, figure.data, figure.layout, {
      displayModeBar: false,
      responsive: true,
    });
  });
})();

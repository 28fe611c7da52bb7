// The weights editor: as an admin changes a number, post the unsaved form to the preview
// endpoint and redraw what differs from live, the problems on each card, the reference
// units and stored-result counts, the curves and the Publish button. A static file, so
// the strict CSP needs no inline script; without it the page still works by saving.
(function () {
  "use strict";
  var form = document.getElementById("weights-form");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var words = document.getElementById("labels").dataset;
  var status = document.getElementById("panel-status");
  var timer = null;
  var latest = 0;
  // Publish makes the saved draft live, so it waits while the page holds unsaved numbers.
  var publish = document.getElementById("publish");
  var unsaved = false;

  function holdPublish(held) {
    unsaved = held;
    publish.disabled = held || publish.dataset.problems === "true";
    document.getElementById("unsaved-note").hidden = !held;
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 250);
  }

  function update() {
    var mine = ++latest;
    status.textContent = words.saving;
    window.fetch(form.dataset.previewUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (body) {
        return { ok: response.ok, body: body };
      });
    }).then(function (answer) {
      if (mine !== latest) {
        return; // a newer change is on its way
      }
      if (!answer.ok) {
        status.textContent = words.failed;
        publish.disabled = true;
        return;
      }
      render(answer.body);
      status.textContent = words.updated;
    }).catch(function () {
      status.textContent = words.failed;
    });
  }

  function text(tag, content) {
    var element = document.createElement(tag);
    element.textContent = content;
    return element;
  }

  function number(value) {
    return value === null || value === undefined ? words.new : String(Math.round(value * 100) / 100);
  }

  function drawCalls(rows, calls) {
    rows.replaceChildren.apply(rows, calls.map(function (call) {
      var row = document.createElement("tr");
      row.classList.toggle("rf-flipped", call.flipped);
      row.appendChild(text("th", call.label)).setAttribute("scope", "row");
      row.appendChild(text("td", call.live || "—"));
      var draft = row.appendChild(text("td", call.draft));
      if (call.flipped) {
        draft.appendChild(document.createTextNode(" "));
        draft.appendChild(text("strong", "(" + words.flips + ")"));
      }
      row.appendChild(text("td", call.score.toFixed(1)));
      row.appendChild(text("td", call.margin.toFixed(1)));
      return row;
    }));
  }

  function render(state) {
    form.querySelectorAll("tr[data-row]").forEach(function (row) {
      var changed = state.changed.indexOf(row.dataset.row) !== -1;
      row.classList.toggle("rf-changed", changed);
      var revert = row.querySelector(".rf-revert");
      if (revert) {
        revert.hidden = !changed;
      }
    });
    var list = document.getElementById("changes-list");
    list.replaceChildren.apply(list, state.changes.map(function (change) {
      var item = text("li", change.label + ": " + number(change.live) + " → ");
      item.appendChild(text("strong", number(change.draft)));
      return item;
    }));
    document.querySelector("#changes .rf-none").hidden = state.changes.length > 0;
    document.querySelectorAll("ul.rf-problems").forEach(function (problems) {
      var key = problems.id.replace(/^problems-/, "");
      var found = key === "other" ? state.other_problems : (state.problems[key] || []);
      problems.replaceChildren.apply(problems, found.map(function (problem) {
        return text("li", problem);
      }));
      var card = document.getElementById("card-" + key);
      card.classList.toggle("rf-has-problems", found.length > 0);
      if (key === "other") {
        card.hidden = found.length === 0;
      }
    });
    var rows = document.querySelector("#reference-units tbody");
    if (!state.scored) { // a number breaks the bank's shape: nothing can be scored
      var cell = text("td", words.unscored);
      cell.colSpan = 5;
      rows.replaceChildren(document.createElement("tr"));
      rows.firstChild.appendChild(cell);
    } else if (state.calls.length) { // otherwise the server's "add one" row stays
      drawCalls(rows, state.calls);
    }
    document.querySelectorAll("#stored [data-stored]").forEach(function (value) {
      value.textContent = state.stored[value.dataset.stored] || 0;
    });
    if (window.Plotly) {
      document.querySelectorAll("[data-curve]").forEach(function (chart) {
        var figure = state.figures["figure-" + chart.dataset.curve];
        if (figure) {
          window.Plotly.react(chart, figure.data, figure.layout, { displayModeBar: false, responsive: true });
        }
      });
    }
    publish.dataset.problems = String(!state.can_publish);
    publish.disabled = unsaved || !state.can_publish;
    document.getElementById("publish-note").hidden = state.can_publish;
  }

  form.addEventListener("input", function (event) {
    if (event.target.matches("input[type=number]")) {
      holdPublish(true);
      schedule();
    }
  });
  form.addEventListener("click", function (event) {
    var button = event.target.closest(".rf-revert");
    if (!button) {
      return;
    }
    // With this script, reverting is instant and unsaved, like any other change.
    event.preventDefault();
    var input = button.closest("tr").querySelector("input[type=number]");
    input.value = input.dataset.live;
    input.focus();
    holdPublish(true);
    update();
  });
})();

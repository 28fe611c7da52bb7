// Small page behaviours, all from this static file so the CSP needs no inline script:
// copy buttons for private links and a guard against double-submitting a form.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copyTarget);
      if (!field) {
        return;
      }
      field.select();
      var done = function () {
        var original = button.textContent;
        button.textContent = button.dataset.copiedText || original;
        window.setTimeout(function () { button.textContent = original; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done);
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        // Disable after this event so the clicked button's value is still sent.
        window.setTimeout(function () { button.disabled = true; }, 0);
      });
    });
  });
})();
// After a refused step, put the keyboard on the first answer that needs fixing, so
// screen-reader and keyboard users land where the problem is.
(function () {
  "use strict";
  var invalid = document.querySelector(".is-invalid, [aria-invalid='true']");
  if (invalid) {
    invalid.focus();
  }
})();

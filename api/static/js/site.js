// The pages' own script (no inline scripts: the pages' CSP forbids them). Everything here
// enhances forms that already work without JavaScript.
(function () {
  'use strict';

  // An error summary or alert that arrives (page load or htmx swap) takes the focus, so a
  // keyboard or screen-reader user is told at once.
  function focusAlerts() {
    var target = document.querySelector('[data-focus-on-load]');
    if (!target) return;
    target.removeAttribute('data-focus-on-load'); // once: a later swap must not steal focus
    target.focus();
  }

  // Drag and drop onto an upload form: the dropped file goes into the form's file input and
  // the form is submitted as if its button had been pressed (htmx then shows the progress).
  function enhanceDropzone(zone) {
    var form = zone.closest('form');
    var input = zone.querySelector('input[type="file"]');
    if (!form || !input || zone.dataset.enhanced) return;
    zone.dataset.enhanced = 'true';
    ['dragenter', 'dragover'].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add('dragging');
      });
    });
    ['dragleave', 'drop'].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove('dragging'); });
    });
    zone.addEventListener('drop', function (event) {
      event.preventDefault();
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      input.files = event.dataTransfer.files;
      form.requestSubmit();
    });
  }

  // Upload progress for htmx forms that have a <progress data-upload-progress>.
  document.addEventListener('htmx:xhr:progress', function (event) {
    var form = event.target.closest('form');
    var bar = form && form.querySelector('[data-upload-progress]');
    if (!bar || !event.detail.lengthComputable) return;
    bar.closest('.progress-row').hidden = false;
    bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    var label = form.querySelector('[data-upload-percent]');
    if (label) label.textContent = bar.value + ' %';
  });
  document.addEventListener('htmx:beforeRequest', function (event) {
    var row = event.target.querySelector && event.target.querySelector('.progress-row');
    if (row) row.hidden = false;
  });

  function enhance() {
    document.querySelectorAll('[data-dropzone]').forEach(enhanceDropzone);
    focusAlerts();
  }

  document.addEventListener('DOMContentLoaded', enhance);
  document.addEventListener('htmx:afterSettle', enhance);
})();

// Buttons that open the demo's forms with inlet('show', id), so no form needs the devtools console.
window.inlet = window.inlet || function () { (window.inlet.q = window.inlet.q || []).push(arguments); };
document.addEventListener('click', function (e) {
  var button = e.target.closest && e.target.closest('[data-form]');
  if (button) { window.inlet('hide'); window.inlet('show', button.getAttribute('data-form')); }
});

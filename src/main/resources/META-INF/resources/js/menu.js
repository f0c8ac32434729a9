/* The phone's 菜单: Escape closes it and gives the focus back to its button, as a menu does. */
(function () {
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') {
      return;
    }
    document.querySelectorAll('details.menu[open]').forEach(function (menu) {
      menu.open = false;
      var summary = menu.querySelector('summary');
      if (summary) {
        summary.focus();
      }
    });
  });
})();

/* The print pages' "print now" link: without this script the browser's own print command does the same. */
(function () {
  document.querySelectorAll('[data-print]').forEach(function (a) {
    a.hidden = false;
    a.addEventListener('click', function (e) {
      e.preventDefault();
      window.print();
    });
  });
})();

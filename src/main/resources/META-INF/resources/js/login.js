/*
 * The login form, sent by the page itself: when too many sign in at once and the service answers
 * 429, the page says 排队中 and how long, counts down the seconds of Retry-After and sends the form
 * again by itself, with the name and password as they stand in the fields (nothing she typed is
 * lost). Signed in, it goes where the form's next says (the service's own answer, a redirect there).
 * Without this script the form posts as usual, and the service's page says 排队中 and keeps the name.
 */
(function () {
  var form = document.getElementById('login-form');
  if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) return;
  var queued = document.getElementById('login-queued');
  var button = form.querySelector('button[type=submit]');
  var sending = false, timer = null, inQueue = false;

  function show(title, text) {
    queued.textContent = '';
    if (title) {
      var strong = document.createElement('strong');
      strong.textContent = title;
      queued.appendChild(strong);
      queued.appendChild(document.createTextNode(' '));
    }
    queued.appendChild(document.createTextNode(text));
    queued.hidden = false;
  }

  function error(text) {
    var p = document.getElementById('login-error');
    if (!p) {
      p = document.createElement('p');
      p.id = 'login-error';
      p.className = 'err';
      p.setAttribute('role', 'alert');
      queued.parentNode.insertBefore(p, queued);
    }
    p.textContent = text;
    queued.hidden = true;
    button.disabled = false;
    sending = false;
    inQueue = false;
  }

  /** Waits its turn: the seconds left shown each second, then the form sent again. */
  function wait(seconds) {
    var left = seconds;
    inQueue = true;
    var tick = function () {
      if (left <= 0) {
        clearInterval(timer);
        timer = null;
        send();
        return;
      }
      show(form.dataset.queuedTitle, form.dataset.queued.replace('{0}', left));
      left--;
    };
    tick();
    timer = setInterval(tick, 1000);
  }

  function send() {
    sending = true;
    button.disabled = true;
    var old = document.getElementById('login-error');
    if (old) old.remove();
    show(inQueue ? form.dataset.queuedTitle : '', form.dataset.checking);
    fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { 'Accept': 'text/html' }
    }).then(function (r) {
      if (r.type === 'opaqueredirect' || (r.status >= 300 && r.status < 400)) {
        // signed in: the service answered with its way back, the form's next (or the overview)
        var next = form.elements.namedItem('next');
        window.location.assign(next && next.value ? next.value : '/');
        return;
      }
      if (r.status === 429) {
        var seconds = parseInt(r.headers.get('Retry-After'), 10);
        wait(isNaN(seconds) || seconds < 1 ? 5 : Math.min(seconds, 600));
        return;
      }
      if (r.status === 401) {
        var password = form.elements.namedItem('j_password');
        error(form.dataset.failed);
        password.value = '';
        password.focus();
        return;
      }
      // anything else (an expired form, the database out of reach): the service's own page
      return r.text().then(function (html) {
        document.open();
        document.write(html);
        document.close();
      });
    }).catch(function () {
      error(form.dataset.offline);
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!sending) send();
  });
  // back to this page from the next one: the form can be used again
  window.addEventListener('pageshow', function (e) {
    if (e.persisted && !timer) {
      sending = false;
      button.disabled = false;
      queued.hidden = true;
    }
  });
})();

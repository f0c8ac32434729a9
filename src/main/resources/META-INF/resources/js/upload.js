/* Without this script the form posts as usual; with it, a clerk sees the file go up and then being read. */
(function () {
  var form = document.getElementById('upload-form');
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var box = document.getElementById('upload-progress'), bar = box.querySelector('progress'), text = box.querySelector('span');
    var xhr = new XMLHttpRequest(), data = new FormData(form), poll = null;
    var token = 'u' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
    data.append('progress', token);
    box.hidden = false;
    form.querySelector('button[type=submit]').disabled = true;
    text.textContent = form.dataset.sending;
    xhr.upload.onprogress = function (p) {
      if (p.lengthComputable) bar.value = Math.round(100 * p.loaded / p.total);
    };
    xhr.upload.onload = function () {
      bar.removeAttribute('value');
      text.textContent = form.dataset.reading;
      poll = setInterval(function () {
        var p = new XMLHttpRequest();
        p.open('GET', '/api/surveys/imports/progress?token=' + token);
        p.onload = function () {
          try {
            var state = JSON.parse(p.responseText);
            if (state.rows > 0 && !state.done) text.textContent = form.dataset.read.replace('{0}', state.rows);
          } catch (ignored) { /* the next poll will tell */ }
        };
        p.send();
      }, 500);
    };
    xhr.onload = function () {
      if (poll) clearInterval(poll);
      if (xhr.status < 400 && xhr.responseURL) {
        window.location.href = xhr.responseURL;
      } else {
        document.open();
        document.write(xhr.responseText);
        document.close();
      }
    };
    xhr.onerror = function () {
      if (poll) clearInterval(poll);
      text.textContent = form.dataset.failed;
      form.querySelector('button[type=submit]').disabled = false;
    };
    xhr.open('POST', form.action);
    xhr.send(data);
  });
})();

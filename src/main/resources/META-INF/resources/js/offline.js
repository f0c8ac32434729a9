/*
 * The phone form without a connection. Without this script the form posts as usual; with it, the
 * page is kept on the phone (service worker), a copy of the clerk's lookup data is kept on the phone
 * (IndexedDB) and refreshed whenever she is online, and while offline the search and the pre-fill
 * use that copy and 保存 puts the entry in an outbox, sent when the connection is back. The page does
 * not wait to be told it is back (the browser's 'online' event does not always come): it tries when it
 * opens, when it is shown again, on that event, on a timer while entries wait, and when the service
 * worker's Background Sync says the network is there. Every text shown comes from the page (data-
 * attributes of #offline), which has it from the message bundle.
 */
(function () {
  'use strict';
  var box = document.getElementById('offline');
  var form = document.getElementById('survey-form');
  if (!box || !form || !window.indexedDB || !window.fetch || !window.Promise || !window.crypto) return;
  var text = box.dataset;
  var find = document.getElementById('find-form');
  var status = document.getElementById('offline-status');
  var title = document.getElementById('outbox-title');
  var list = document.getElementById('outbox-list');
  var sendButton = document.getElementById('outbox-send');
  var message = document.getElementById('outbox-message');
  var prefilled = document.getElementById('offline-prefilled');
  var submit = form.querySelector('button[type=submit]');
  var submitText = submit.textContent;
  var DB = 'liangxin-phone-form', LOOKUP = 'lookup', OUTBOX = 'outbox', COPY = 'copy';
  /** The Background Sync tag, and the message of the service worker that asks the page to send. */
  var SEND = 'send-outbox';
  /**
   * The wait before the page tries again by itself while entries wait or the service was not
   * reached: 5 s, doubled after each try up to 20 s, so that the outbox goes within 30 s of the
   * network's return; 5 s again once the service answers.
   */
  var FIRST_WAIT = 5000, LAST_WAIT = 20000;
  var wait = FIRST_WAIT, timer = null;
  /** The copy of the lookup data, once read. */
  var copy = null;
  /** The registry organization the form was filled from while offline, or null. */
  var current = null;
  /** The sending under way (a promise of the entries left), or null. */
  var sending = null;
  /** Set once the page is replaced by the answer to the form: this script no longer acts. */
  var replaced = false;
  /**
   * Whether the service answered the last time it was asked: the browser's navigator.onLine says
   * only whether the phone has a network, not whether the service can be reached through it.
   */
  var online = navigator.onLine;

  /** A text of the page with its {0}, {1} … filled in. */
  function say(pattern) {
    var args = arguments;
    return String(pattern).replace(/\{(\d+)\}/g, function (all, i) {
      var v = args[Number(i) + 1];
      return v === undefined ? all : String(v);
    });
  }

  // --- the phone's database ------------------------------------------------------------------

  var database = new Promise(function (resolve, reject) {
    var request = indexedDB.open(DB, 1);
    request.onupgradeneeded = function () {
      request.result.createObjectStore(LOOKUP);
      request.result.createObjectStore(OUTBOX, { keyPath: 'clientId' });
    };
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function () { reject(request.error); };
  });

  /** Runs work(store) in a transaction; answers the result of the request work returns, once written. */
  function store(name, mode, work) {
    return database.then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(name, mode), result;
        var request = work(t.objectStore(name));
        if (request) request.onsuccess = function () { result = request.result; };
        t.oncomplete = function () { resolve(result); };
        t.onerror = t.onabort = function () { reject(t.error); };
      });
    });
  }

  function outbox() {
    return store(OUTBOX, 'readonly', function (s) { return s.getAll(); }).then(function (entries) {
      return entries.sort(function (a, b) { return a.savedAt < b.savedAt ? -1 : a.savedAt > b.savedAt ? 1 : 0; });
    });
  }

  function newId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }

  // --- what the page shows -------------------------------------------------------------------

  function element(tag, content) {
    var e = document.createElement(tag);
    if (content !== undefined) e.textContent = content;
    return e;
  }

  function showOutbox() {
    return outbox().then(function (entries) {
      title.textContent = say(text.outbox, entries.length);
      box.setAttribute('data-count', String(entries.length));
      list.textContent = '';
      entries.forEach(function (e) {
        var li = element('li', e.values.name || text.newEntry);
        li.setAttribute('data-client-id', e.clientId);
        list.appendChild(li);
      });
      // (the phone layout shows every button as a flex box, which the hidden attribute does not undo)
      sendButton.style.display = entries.length ? '' : 'none';
      box.hidden = false;
      return entries;
    });
  }

  function showCopy() {
    var line;
    if (copy) {
      line = say(text.ready, copy.organizations.length, new Date(copy.madeAt).toLocaleString('zh-CN'));
      box.setAttribute('data-copy', 'ready');
    } else {
      line = text.noCopy;
    }
    status.textContent = online ? line : text.offline + ' ' + line;
    submit.textContent = online ? submitText : text.save;
    box.setAttribute('data-online', String(online));
  }

  function reached(yes) {
    online = yes;
    showCopy();
  }

  function tell(line, link, linkText) {
    message.textContent = '';
    message.appendChild(element('p', line));
    if (link) {
      var a = element('a', linkText);
      a.href = link;
      message.appendChild(a);
    }
  }

  // --- the copy of the lookup data -----------------------------------------------------------

  function readCopy() {
    return store(LOOKUP, 'readonly', function (s) { return s.get(COPY); }).then(function (c) {
      copy = c || null;
      showCopy();
    });
  }

  function refreshCopy() {
    return fetch('/api/surveys/offline-data', { credentials: 'same-origin', cache: 'no-store',
      headers: { Accept: 'application/json' } }).then(function (r) {
      reached(true);
      var type = r.headers.get('Content-Type') || '';
      // refused (an expired sign-in): the copy on the phone stays as it was
      return !r.ok || r.redirected || type.indexOf('json') < 0 ? null : r.json();
    }, function () {
      reached(false);
      return null;
    }).then(function (data) {
      if (!data) return;
      return store(LOOKUP, 'readwrite', function (s) { return s.put(data, COPY); }).then(function () {
        copy = data;
        showCopy();
      });
    }).catch(function () { /* the copy on the phone stays as it was */ });
  }

  // --- search and pre-fill from the copy -----------------------------------------------------

  function townshipName(code) {
    var t = copy.townships.filter(function (x) { return x.code === code; })[0];
    return t ? t.name : code;
  }

  function search(query) {
    var found = document.getElementById('offline-found');
    var count = document.getElementById('offline-found-count');
    var q = query.trim().toLowerCase();
    var matches = !copy || !q ? [] : copy.organizations.concat(copy.registerLines || []).filter(function (o) {
      return o.name.toLowerCase().indexOf(q) >= 0 || (o.uscc && o.uscc.toLowerCase().indexOf(q) >= 0);
    });
    found.textContent = '';
    matches.slice(0, 20).forEach(function (o) {
      var li = element('li');
      var b = element('button', o.name);
      b.type = 'button';
      b.setAttribute('data-organization', String(o.id));
      b.addEventListener('click', function () { prefill(o); });
      li.appendChild(b);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(element('span', townshipName(o.townshipCode) + (o.id ? '' : ' ' + text.registerLine))).className = 'muted';
      found.appendChild(li);
    });
    count.textContent = matches.length ? say(text.found, matches.length) : text.notFound;
    count.hidden = false;
    found.hidden = matches.length === 0;
  }

  function fields() {
    return Array.prototype.map.call(form.querySelectorAll('[data-field]'), function (d) { return d.getAttribute('data-field'); });
  }

  function prefill(o) {
    fields().forEach(function (key) {
      var value = o.values[key] == null ? '' : String(o.values[key]);
      var boxes = form.querySelectorAll('input[type=checkbox][name="' + key + '"]');
      if (boxes.length) {
        var chosen = value.split(/[、,，]/);
        Array.prototype.forEach.call(boxes, function (c) { c.checked = chosen.indexOf(c.value) >= 0; });
      } else if (form.elements[key]) {
        form.elements[key].value = value;
      }
    });
    // a register line is a new organization: the entry names no registry organization
    current = o.id ? { id: o.id, version: o.version, name: o.name } : { id: null, version: null, name: o.name };
    prefilled.textContent = say(text.prefilled, o.name);
    prefilled.hidden = false;
    form.scrollIntoView();
  }

  /** The organization the form is for: the one pre-filled offline, or the one of the page. */
  function registry() {
    if (current) return current;
    var field = form.elements.organization;
    if (!field || !field.value) return null;
    var id = Number(field.value);
    var o = copy && copy.organizations.filter(function (x) { return x.id === id; })[0];
    return { id: id, version: o ? o.version : null };
  }

  /**
   * Sends the form as it is sent without this script, and follows the answer: its preview, or the
   * form again with what to correct. Without an answer (no connection) the entry goes to the outbox.
   */
  function sendForm() {
    var data = new URLSearchParams(new FormData(form));
    return fetch(form.action, { method: 'POST', credentials: 'same-origin', body: data }).then(function (r) {
      reached(true);
      if (r.redirected && r.url.indexOf('/surveys/imports/') >= 0) {
        window.location.href = r.url;
        return;
      }
      if (r.redirected || r.status === 401 || r.status === 403) {
        return save().then(function () { tell(text.signIn, '/login', text.signInLink); });
      }
      return r.text().then(function (html) {
        retire();
        document.open();
        document.write(html);
        document.close();
      });
    }, function () {
      reached(false);
      return save();
    });
  }

  function save() {
    var values = {};
    fields().forEach(function (key) {
      var boxes = form.querySelectorAll('input[type=checkbox][name="' + key + '"]');
      if (boxes.length) {
        values[key] = Array.prototype.filter.call(boxes, function (c) { return c.checked; })
          .map(function (c) { return c.value; }).join('、');
      } else if (form.elements[key]) {
        values[key] = form.elements[key].value.trim();
      }
    });
    var of = registry();
    var campaign = form.elements.campaignId && form.elements.campaignId.value;
    var entry = { clientId: newId(), registryId: of ? of.id : null, registryVersion: of ? of.version : null,
      campaignId: campaign ? Number(campaign) : null, values: values, savedAt: new Date().toISOString() };
    return store(OUTBOX, 'readwrite', function (s) { return s.put(entry); }).then(function () {
      form.reset();
      current = null;
      prefilled.hidden = true;
      tell(say(text.saved, values.name));
      askWorker();
      return showOutbox();
    }).then(function (entries) {
      if (!timer) plan(entries);
      box.scrollIntoView();
    });
  }

  // --- sending the outbox --------------------------------------------------------------------

  /** Why a sending stopped: the sign-in expired, the network failed, or the server refused. */
  function Stop(kind, detail) {
    this.kind = kind;
    this.detail = detail;
  }

  /**
   * Asks the form page again before sending: a page (unlike the API, which challenges for a
   * password) answers an expired sign-in with the way to the login page, and a fresh page carries
   * the token that matches the CSRF cookie of today (the copy kept on the phone may be older).
   */
  function signedIn() {
    return fetch('/surveys/form', { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' }).then(function (r) {
      if (r.type === 'opaqueredirect' || r.redirected || r.status === 401 || r.status === 403) throw new Stop('signIn');
      if (r.status >= 500 || r.status === 429) throw new Stop('unavailable', String(r.status));
      if (!r.ok) throw new Stop('refused', String(r.status));
      return r.text();
    }, function () {
      reached(false);
      throw new Stop('network');
    }).then(function (html) {
      var field = new DOMParser().parseFromString(html, 'text/html').querySelector('input[name="csrf-token"]');
      if (!field) throw new Stop('signIn');
      return field.value;
    });
  }

  function post(token, campaignId, entries) {
    var body = { campaignId: campaignId, entries: entries.map(function (e) {
      return { clientId: e.clientId, registryId: e.registryId, registryVersion: e.registryVersion, values: e.values };
    }) };
    return fetch('/api/surveys/entries', { method: 'POST', credentials: 'same-origin', redirect: 'manual', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': token },
      body: JSON.stringify(body) }).then(function (r) {
      if (r.type === 'opaqueredirect' || r.status === 401 || r.status === 403 || r.redirected) throw new Stop('signIn');
      return r.json().catch(function () { return {}; }).then(function (answer) {
        // a busy or failing service is tried again later; a refusal stands until she or the network acts
        if (r.status >= 500 || r.status === 429) throw new Stop('unavailable', answer.message || String(r.status));
        if (!r.ok) throw new Stop('refused', answer.message || String(r.status));
        // the server has read every entry sent: those with a row are in a preview, a blank one has none
        return store(OUTBOX, 'readwrite', function (s) {
          entries.forEach(function (e) { s.delete(e.clientId); });
        }).then(function () { return answer; });
      });
    }, function (e) {
      if (!(e instanceof Stop)) reached(false);
      throw e instanceof Stop ? e : new Stop('network');
    });
  }

  /** Sends the outbox with the page's token; answers why it stopped, or null. */
  function send(token) {
    return outbox().then(function (entries) {
      if (!entries.length) return null;
      tell(text.sending);
      // one sending per campaign, at most 100 entries each
      var batches = [];
      var byCampaign = {};
      entries.forEach(function (e) {
        var k = e.campaignId == null ? '' : String(e.campaignId);
        (byCampaign[k] = byCampaign[k] || []).push(e);
      });
      Object.keys(byCampaign).forEach(function (k) {
        for (var i = 0; i < byCampaign[k].length; i += 100) batches.push(byCampaign[k].slice(i, i + 100));
      });
      var previews = [];
      var sent = 0;
      var refusal = null;
      var chain = Promise.resolve();
      batches.forEach(function (batch) {
        chain = chain.then(function () {
          return post(token, batch[0].campaignId, batch).then(function (answer) {
            sent += batch.length;
            (answer.entries || []).forEach(function (x) {
              if (previews.indexOf(x.importId) < 0) previews.push(x.importId);
            });
          }, function (stop) {
            // one campaign's refusal does not hold back the others; no network or no sign-in holds back all
            if (stop.kind !== 'refused') throw stop;
            refusal = refusal || stop;
          });
        });
      });
      return chain.then(function () {
        if (refusal && !sent) throw refusal;
        tell(say(text.sent, sent));
        var links = element('ul');
        links.id = 'outbox-previews';
        previews.forEach(function (id) {
          var li = element('li');
          var a = element('a', say(text.preview, id));
          a.href = '/surveys/imports/' + id;
          li.appendChild(a);
          links.appendChild(li);
        });
        message.appendChild(links);
        if (refusal) message.appendChild(element('p', say(text.refused, refusal.detail)));
        return refusal;
      });
    });
  }

  /**
   * Whenever the service may be reachable (the page opened, the phone back online, 上传, a try of
   * its own): asks whether she is still signed in, then refreshes the copy and sends the outbox.
   * What stopped it is told when she asked, or when entries are waiting. Answers the entries left;
   * asked while a sending is under way, answers that one.
   */
  function sync(asked) {
    if (sending) return sending;
    sendButton.disabled = true;
    var done = false;
    var stopped = null;
    sending = signedIn().then(function (token) {
      reached(true);
      return refreshCopy().then(function () { return send(token); }).then(function (refusal) {
        done = !refusal;
        stopped = refusal && refusal.kind;
      });
    }).then(null, function (stop) {
      stopped = stop.kind;
      return outbox().then(function (entries) {
        if (!asked && !entries.length) return;
        // a try of its own without a network: what the page says (saved, no network) stays
        if (!asked && stop.kind === 'network' && message.textContent) return;
        if (stop.kind === 'signIn') {
          tell(text.signIn, '/login', text.signInLink);
        } else if (stop.kind === 'refused') {
          tell(say(text.refused, stop.detail));
        } else {
          tell(text.failed);
        }
      });
    }).then(function () {
      return showOutbox();
    }).then(function (entries) {
      sending = null;
      sendButton.disabled = false;
      if (done) wait = FIRST_WAIT;
      if (stopped === 'signIn' || stopped === 'refused') {
        // trying again would be refused the same: the next try is hers, or the network's, or the page shown again
        if (timer) clearTimeout(timer);
        timer = null;
        wait = FIRST_WAIT;
      } else {
        plan(entries);
      }
      return entries;
    }, function () {
      sending = null;
      sendButton.disabled = false;
      return [];
    });
    return sending;
  }

  // --- sending by itself ---------------------------------------------------------------------

  /**
   * The next try of the page's own: while entries wait, or while the service was not reached (so
   * that the page stops saying there is no network once there is), after the wait, each wait
   * longer than the one before; none once everything is sent and the service answers.
   */
  function plan(entries) {
    if (timer) clearTimeout(timer);
    timer = null;
    if (replaced) return;
    if (online && !entries.length) {
      wait = FIRST_WAIT;
      return;
    }
    timer = setTimeout(function () {
      timer = null;
      nudge();
    }, wait);
    wait = Math.min(wait * 2, LAST_WAIT);
  }

  /**
   * When the network may be back without the browser saying so (the page shown again, the timer,
   * the service worker): tries only if entries wait or the service was not reached. Answers how
   * many entries are left.
   */
  function nudge() {
    if (replaced) return Promise.resolve(0);
    return outbox().then(function (entries) {
      return entries.length || !online ? sync(false) : entries;
    }).then(function (entries) { return entries.length; });
  }

  /**
   * Background Sync, where the browser has it: the service worker is woken once the phone has a
   * network, even with this page in the background, and asks the page to send (it cannot send
   * itself: the token is the page's). Without it, the page's own tries remain.
   */
  function askWorker() {
    if (!('serviceWorker' in navigator)) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) return registration.sync.register(SEND);
    }).catch(function () { /* the page's own tries remain */ });
  }

  /** The page is replaced by the answer to the form: no more tries of this script's own. */
  function retire() {
    replaced = true;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  // --- wiring --------------------------------------------------------------------------------

  if (find) {
    find.addEventListener('submit', function (e) {
      if (online && navigator.onLine) return;
      e.preventDefault();
      search(find.elements.q.value);
    });
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    submit.disabled = true;
    (online && navigator.onLine ? sendForm() : save()).then(function () {
      submit.disabled = false;
    }, function () {
      submit.disabled = false;
    });
  });
  sendButton.addEventListener('click', function () { sync(true); });
  window.addEventListener('online', function () {
    wait = FIRST_WAIT;
    sync(false);
  });
  window.addEventListener('offline', function () {
    reached(false);
    outbox().then(function (entries) { if (!timer && !sending) plan(entries); });
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') nudge();
  });
  // the page shown again from the browser's back-forward cache (its first showing is the load below)
  window.addEventListener('pageshow', function (e) {
    if (e.persisted) nudge();
  });

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/surveys/sw.js', { scope: '/surveys/' }).catch(function () { /* online only */ });
    navigator.serviceWorker.ready.then(function () { box.setAttribute('data-worker', 'ready'); });
    // the worker's Background Sync: send, and answer how many entries are left
    navigator.serviceWorker.addEventListener('message', function (e) {
      if (replaced || !e.data || e.data.type !== SEND) return;
      var port = e.ports && e.ports[0];
      nudge().then(function (left) {
        if (port) port.postMessage({ left: left });
      });
    });
  }
  showOutbox().then(readCopy).then(function () { return sync(false); });
})();

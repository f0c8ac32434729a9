/*
 * The phone form's service worker: keeps the form page and its files on the phone, so that the
 * form opens without a connection. The page is asked of the network first and its copy used only
 * when there is none; a new VERSION replaces the copies of the old one when it takes over. With
 * Background Sync, the browser wakes it once the phone has a network after an entry was saved, and
 * it asks the open form to send its outbox (the page holds the token the service asks for).
 */
'use strict';

var VERSION = 'phone-form-v4';
var PAGE = '/surveys/form';
/** The Background Sync tag of the outbox, also the message that asks the page to send it. */
var SEND = 'send-outbox';
/** How long a page is given to answer how many entries are left. */
var ANSWER_WAIT = 60000;
var FILES = [PAGE, '/js/offline.js', '/surveys/manifest.webmanifest', '/icons/app-192.png', '/icons/app-512.png'];

/** A response worth keeping: this site's own, complete, and not a detour (to the login page). */
function keepable(response) {
  return response.ok && response.type === 'basic' && !response.redirected;
}

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(VERSION).then(function (cache) {
    return Promise.all(FILES.map(function (path) {
      return fetch(path, { credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
        if (!keepable(response)) throw new Error(path + ': ' + response.status);
        return cache.put(path, response);
      });
    }));
  }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf('phone-form-') === 0 && key !== VERSION;
    }).map(function (key) {
      return caches.delete(key);
    }));
  }).then(function () {
    return self.clients.claim();
  }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var page = url.pathname === PAGE;
  if (!page && FILES.indexOf(url.pathname) < 0) return;
  // the page's script asks the page itself whether she is still signed in: the network answers that
  if (page && request.mode !== 'navigate') return;
  // a search or an organization's page is not kept: without a connection the form's own copy answers
  var key = page ? PAGE : url.pathname;
  event.respondWith(fetch(request).then(function (response) {
    if (keepable(response) && url.search === '') {
      var copy = response.clone();
      event.waitUntil(caches.open(VERSION).then(function (cache) {
        return cache.put(key, copy);
      }));
    }
    return response;
  }).catch(function () {
    return caches.open(VERSION).then(function (cache) {
      return cache.match(key);
    }).then(function (cached) {
      return cached || Response.error();
    });
  }));
});

/** Asks one open form to send its outbox; answers how many entries are left (all, without an answer). */
function askToSend(client) {
  return new Promise(function (resolve) {
    var channel = new MessageChannel();
    var late = setTimeout(function () { resolve(Infinity); }, ANSWER_WAIT);
    channel.port1.onmessage = function (event) {
      clearTimeout(late);
      var left = event.data && event.data.left;
      resolve(typeof left === 'number' ? left : Infinity);
    };
    client.postMessage({ type: SEND }, [channel.port2]);
  });
}

self.addEventListener('sync', function (event) {
  if (event.tag !== SEND) return;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (clients) {
    // one form sends (the focused one if any): two pages sending the same outbox at once would race
    var forms = clients.filter(function (client) {
      return new URL(client.url).pathname === PAGE;
    }).sort(function (a, b) { return (b.focused ? 1 : 0) - (a.focused ? 1 : 0); });
    return Promise.all(forms.slice(0, 1).map(askToSend));
  }).then(function (left) {
    // no form open, or the outbox still full: the browser tries again later, the page on its own
    if (!left.length || Math.min.apply(null, left) > 0) throw new Error('the outbox is not sent yet');
  }));
});

/* sitrep live map: polls /api/live for events of newly extracted documents and adds them to the
 * map without a reload (app.js's window.sitrepAddFeatures), and shows the watched feeds' state
 * from /api/feeds. Text goes in with textContent only, never innerHTML.
 */
(function () {
  "use strict";
  var EVERY = 5000;
  var params = new URLSearchParams(window.location.search);
  if ((params.get("layer") || "report") !== "report") { return; }  // live: report layer only
  var status = document.getElementById("live-status");
  var cursor = null;
  var added = 0;

  function say(text) { if (status) { status.textContent = text; } }

  function poll() {
    var url = "/api/live" + (cursor === null ? "" : "?after=" + encodeURIComponent(cursor));
    fetch(url).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (data) {
      var first = cursor === null;
      cursor = data.cursor;
      if (!first && data.features.length && window.sitrepAddFeatures) {
        added += window.sitrepAddFeatures(data.features);
        document.body.setAttribute("data-live-added", String(added));
      }
      say("Live: " + added + " new events since this page opened; updated " + new Date().toLocaleTimeString() + ".");
      setTimeout(poll, data.more ? 200 : EVERY);
    }).catch(function (err) {
      say("Live updates paused (" + err.message + "); retrying.");
      setTimeout(poll, EVERY * 3);
    });
  }

  function cell(text) {
    var td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    return td;
  }

  function feeds() {
    fetch("/api/feeds").then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      var section = document.getElementById("feeds");
      var body = document.getElementById("feeds-body");
      if (!data || !section || !body) { return; }
      section.hidden = data.feeds.length === 0;
      while (body.firstChild) { body.removeChild(body.firstChild); }
      data.feeds.forEach(function (f) {
        var tr = document.createElement("tr");
        if (f.failures) { tr.className = "failing"; }
        [f.source, f.last_polled || "never", f.next_poll || "now", f.failures, f.new_items, f.last_error || ""]
          .forEach(function (v) { tr.appendChild(cell(v)); });
        body.appendChild(tr);
      });
      setTimeout(feeds, EVERY * 2);
    }).catch(function () { setTimeout(feeds, EVERY * 6); });
  }

  poll();
  feeds();
})();

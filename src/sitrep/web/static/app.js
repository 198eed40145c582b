/* sitrep events page: map, timeline brush, filters and the evidence panel.
 * Plain JS, no build step. Article text and every field are untrusted: they are put in the page
 * with textContent / createTextNode only, never innerHTML.
 */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("sitrep-config").textContent);
  var colours = config.colours;
  var DAY = 86400000;
  var state = { features: [], brush: null, type: "", actor: "", grade: "" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  // ---- map ----
  var map = L.map("map", { preferCanvas: false, zoomSnap: 0.5, minZoom: 3, maxZoom: 18 }).setView([35.0, 38.5], 6.5);
  map.attributionControl.setPrefix(false);
  var tiles = null;
  var tileBox = document.getElementById("f-tiles");
  if (tileBox) {
    tileBox.addEventListener("change", function () {
      if (tileBox.checked && config.tiles) {
        tiles = L.tileLayer(config.tiles, { maxZoom: 18, attribution: "© OpenStreetMap contributors" }).addTo(map);
        tiles.bringToBack();
      } else if (tiles) { map.removeLayer(tiles); tiles = null; }
    });
  }
  fetch("/basemap/admin1.geojson").then(function (r) { return r.json(); }).then(function (geo) {
    L.geoJSON(geo, {
      style: { color: "#7a8794", weight: 1, fillColor: "#f3f1ea", fillOpacity: 1 },
      interactive: false,
      onEachFeature: function (f, layer) {
        layer.bindTooltip(f.properties.acled || f.properties.name || "", { permanent: true, direction: "center", className: "basemap-label" });
      }
    }).addTo(map).bringToBack();
    map.attributionControl.addAttribution("Boundaries: OCHA COD-AB (CC BY-IGO)");
  });

  var markerLayer = null;
  function radius(f) {
    var n = f.properties.fatalities || 0;
    return 5 + 2.2 * Math.sqrt(n);
  }
  function drawMarkers(features) {
    if (markerLayer) { map.removeLayer(markerLayer); }
    markerLayer = features.length > 60
      ? L.markerClusterGroup({ maxClusterRadius: 40, spiderfyOnMaxZoom: true, chunkedLoading: true })
      : L.featureGroup();
    var markers = [];
    features.forEach(function (f) {
      if (!f.geometry) { return; }
      var c = f.geometry.coordinates;
      var p = f.properties;
      var m = L.circleMarker([c[1], c[0]], {
        radius: radius(f), color: "#222", weight: 1, fillOpacity: 0.8,
        fillColor: colours[p.event_type] || "#999", className: "event-marker"
      });
      m.bindTooltip(function () {
        return el("span", { text: (p.sub_event_type || "") + " · " + (p.location || "") + " · " + (p.event_date || "") });
      });
      m.on("click", function () { openPanel(p.event_id); });
      markers.push(m);
    });
    if (markerLayer.addLayers) { markerLayer.addLayers(markers); } else { markers.forEach(function (m) { markerLayer.addLayer(m); }); }
    markerLayer.addTo(map);
  }

  // ---- filtering ----
  function passesFilters(f) {
    var p = f.properties;
    if (state.type && p.event_type !== state.type) { return false; }
    if (state.grade && p.grade !== state.grade) { return false; }
    if (state.actor) {
      var a = state.actor.toLowerCase();
      var actors = [p.actor1, p.actor2, p.assoc_actor_1, p.assoc_actor_2].join(" ").toLowerCase();
      if (actors.indexOf(a) < 0) { return false; }
    }
    return true;
  }
  function inBrush(f) {
    if (!state.brush) { return true; }
    var t = f._t;
    return t !== null && t >= state.brush[0] && t <= state.brush[1];
  }
  function refresh() {
    var filtered = state.features.filter(passesFilters);
    var shown = filtered.filter(inBrush);
    drawMarkers(shown);
    drawTimeline(filtered);
    var note = config.total > state.features.length
      ? " (the map draws the newest " + state.features.length + " of " + config.total + "; narrow the query)" : "";
    document.getElementById("count").textContent = shown.length + " of " + state.features.length + " events shown" + note;
    document.getElementById("map").setAttribute("data-shown", String(shown.length));
  }
  function bindFilter(id, key, evt) {
    var node = document.getElementById(id);
    if (!node) { return; }
    state[key] = node.value;
    node.addEventListener(evt, function () { state[key] = node.value; refresh(); });
  }
  bindFilter("f-type", "type", "change");
  bindFilter("f-grade", "grade", "change");
  bindFilter("f-actor", "actor", "input");

  // ---- timeline with brush ----
  var svg = document.getElementById("timeline-svg");
  var SVGNS = "http://www.w3.org/2000/svg";
  var scale = null;
  function svgEl(tag, attrs) {
    var n = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    return n;
  }
  function binSize(span) {
    if (span <= 120 * DAY) { return DAY; }
    if (span <= 3 * 365 * DAY) { return 7 * DAY; }
    return 30 * DAY;
  }
  function drawTimeline(features) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var times = features.map(function (f) { return f._t; }).filter(function (t) { return t !== null; });
    var width = svg.clientWidth || 800, height = 90, pad = 14;
    if (!times.length) { scale = null; return; }
    var t0 = Math.min.apply(null, times), t1 = Math.max.apply(null, times);
    if (t1 - t0 < 30 * DAY) { var mid = (t0 + t1) / 2; t0 = mid - 15 * DAY; t1 = mid + 15 * DAY; }
    var size = binSize(t1 - t0);
    t0 -= size; t1 += size;
    var nbins = Math.max(1, Math.ceil((t1 - t0) / size));
    var counts = new Array(nbins).fill(0);
    times.forEach(function (t) { counts[Math.min(nbins - 1, Math.floor((t - t0) / size))] += 1; });
    var max = Math.max.apply(null, counts);
    scale = { t0: t0, t1: t1, width: width, toX: function (t) { return (t - t0) / (t1 - t0) * width; },
              toT: function (x) { return t0 + x / width * (t1 - t0); } };
    var bw = width / nbins;
    counts.forEach(function (c, i) {
      if (!c) { return; }
      var h = (height - pad - 4) * c / max;
      var start = t0 + i * size;
      var inside = !state.brush || (start + size >= state.brush[0] && start <= state.brush[1]);
      var rect = svgEl("rect", { x: i * bw, y: height - pad - h, width: Math.max(1, bw - 1), height: h,
                                 "class": inside ? "bar in" : "bar" });
      rect.appendChild(svgEl("title", {})).textContent = new Date(start).toISOString().slice(0, 10) + ": " + c;
      svg.appendChild(rect);
    });
    [t0 + size, (t0 + t1) / 2, t1 - size].forEach(function (t, i) {
      var label = svgEl("text", { x: scale.toX(t), y: height - 2, "text-anchor": ["start", "middle", "end"][i] });
      label.textContent = new Date(t).toISOString().slice(0, 10);
      svg.appendChild(label);
    });
    if (state.brush) {
      var x0 = scale.toX(state.brush[0]), x1 = scale.toX(state.brush[1]);
      svg.appendChild(svgEl("rect", { x: x0, y: 0, width: Math.max(1, x1 - x0), height: height - pad, "class": "brush" }));
    }
  }
  var dragStart = null;
  function svgX(evt) { var r = svg.getBoundingClientRect(); return Math.max(0, Math.min(r.width, evt.clientX - r.left)); }
  svg.addEventListener("mousedown", function (evt) { if (scale) { dragStart = svgX(evt); evt.preventDefault(); } });
  window.addEventListener("mousemove", function (evt) {
    if (dragStart === null || !scale) { return; }
    var x = svgX(evt);
    state.brush = [scale.toT(Math.min(dragStart, x)), scale.toT(Math.max(dragStart, x))];
    drawTimeline(state.features.filter(passesFilters));
  });
  window.addEventListener("mouseup", function (evt) {
    if (dragStart === null) { return; }
    var x = svgX(evt);
    if (Math.abs(x - dragStart) < 3) { state.brush = null; }
    dragStart = null;
    var label = document.getElementById("timeline-label");
    label.textContent = state.brush
      ? "Showing " + new Date(state.brush[0]).toISOString().slice(0, 10) + " to " + new Date(state.brush[1]).toISOString().slice(0, 10) + " (double-click to clear)"
      : "Drag across the timeline to filter by date; double-click to clear.";
    refresh();
  });
  svg.addEventListener("dblclick", function () { state.brush = null; refresh(); });

  // ---- evidence panel ----
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  function relayout() {
    map.invalidateSize();
    drawTimeline(state.features.filter(passesFilters));
  }
  window.addEventListener("resize", relayout);
  document.getElementById("panel-close").addEventListener("click", function () {
    panel.hidden = true;
    relayout();
  });

  function highlighted(text, evidence, docId) {
    var spans = evidence.filter(function (e) {
      return e.doc_id === docId && e.start >= 0 && e.end <= text.length && e.start < e.end;
    });
    var cuts = [0, text.length];
    spans.forEach(function (e) { cuts.push(e.start, e.end); });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var box = el("div", { "class": "article-text" });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var s = cuts[i], e = cuts[i + 1];
      var fields = spans.filter(function (ev) { return ev.start <= s && e <= ev.end; })
        .map(function (ev) { return ev.note ? ev.field + " (" + ev.note + ")" : ev.field; });
      var piece = text.slice(s, e);
      if (fields.length) {
        box.appendChild(el("mark", { title: fields.join(", "), text: piece }));
      } else {
        box.appendChild(document.createTextNode(piece));
      }
    }
    return box;
  }

  function row(label, value) {
    return el("tr", {}, [el("th", { text: label }), el("td", { text: value === null || value === undefined ? "" : String(value) })]);
  }

  function renderDetail(detail) {
    var ev = detail.event;
    while (body.firstChild) { body.removeChild(body.firstChild); }
    body.setAttribute("data-event-id", ev.event_id);
    body.appendChild(el("h2", {}, [
      el("i", { "class": "dot", style: "background:" + (colours[ev.event_type] || "#999") }),
      (ev.sub_event_type || "") + (ev.location ? ", " + ev.location : "")
    ]));
    var badges = el("p", {});
    if (ev.grade) { badges.appendChild(el("span", { "class": "badge grade", text: "grade " + ev.grade })); }
    if (ev.contested) { badges.appendChild(el("span", { "class": "badge contested", text: "contested" })); }
    badges.appendChild(el("a", { href: "/events/" + encodeURIComponent(ev.event_id), text: "open page" }));
    body.appendChild(badges);
    var fat = ev.fatalities === null ? "unknown" : String(ev.fatalities);
    if (ev.fatalities_min !== null || ev.fatalities_max !== null) {
      fat += " (reported " + (ev.fatalities_min === null ? "?" : ev.fatalities_min) + "–" + (ev.fatalities_max === null ? "?" : ev.fatalities_max) + ")";
    }
    body.appendChild(el("table", { "class": "fields" }, [
      row("Date", ev.event_date), row("Type", ev.event_type + " / " + ev.sub_event_type),
      row("Actor 1", ev.actor1), row("Actor 2", ev.actor2),
      row("Place", [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ")),
      row("Fatalities", fat), row("Source", ev.source)
    ]));
    body.appendChild(el("h3", { text: "Claims" }));
    var claims = el("div", { "class": "claims" });
    (ev.claims || []).forEach(function (c) {
      claims.appendChild(el("div", { "class": "claim stance-" + c.stance }, [
        el("div", { "class": "claim-by" }, [c.by + " ", el("span", { "class": "by-type", text: c.by_type })]),
        el("div", { "class": "claim-says", text: c.says }),
        el("div", { "class": "claim-stance", text: c.stance + (c.alignment ? " · " + c.alignment : "") })
      ]));
    });
    if (!(ev.claims || []).length) { claims.appendChild(el("p", { "class": "muted", text: "No claims recorded." })); }
    body.appendChild(claims);
    var contra = (ev.contradictions || []).concat((ev.claims || [])
      .filter(function (c) { return c.stance === "contradicts"; })
      .map(function (c) { return c.by + " contradicts: " + c.says; }));
    body.appendChild(el("h3", { text: "Contradictions" }));
    if (contra.length) {
      body.appendChild(el("ul", { "class": "contradictions" }, contra.map(function (t) { return el("li", { text: t }); })));
    } else { body.appendChild(el("p", { "class": "muted", text: "None recorded." })); }
    if (detail.layer === "fused") {
      var why = el("div", { "class": "fusion-reasons" }, [el("p", { "class": "muted", text: "Loading…" })]);
      body.appendChild(el("h3", { text: "Why these reports were merged" }));
      body.appendChild(why);
      loadReasons(ev.event_id, why);
    }
    body.appendChild(el("h3", { text: "Evidence" }));
    detail.documents.forEach(function (doc) {
      body.appendChild(el("div", { "class": "muted", text: [doc.title || doc.id, doc.outlet, doc.published].filter(Boolean).join(" · ") }));
      body.appendChild(highlighted(doc.text, ev.evidence || [], doc.id));
    });
    panel.hidden = false;
    relayout();
  }

  // Each report of a fused event and why it was linked (GET /api/fused/{id}); text only.
  function loadReasons(fusedId, box) {
    fetch("/api/fused/" + encodeURIComponent(fusedId))
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (fused) {
        while (box.firstChild) { box.removeChild(box.firstChild); }
        box.appendChild(el("ul", { "class": "reasons" }, fused.members.map(function (m) {
          return el("li", {}, [
            el("span", { "class": "claim-by", text: (m.outlet || m.doc_ids.join(", ") || m.event_id) + ": " }),
            el("span", { text: m.reason })
          ]);
        })));
      })
      .catch(function (err) {
        while (box.firstChild) { box.removeChild(box.firstChild); }
        box.appendChild(el("p", { "class": "muted", text: "Reasons unavailable: " + err.message }));
      });
  }

  function openPanel(eventId) {
    fetch("/api/events/" + encodeURIComponent(eventId))
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(renderDetail)
      .catch(function (err) {
        while (body.firstChild) { body.removeChild(body.firstChild); }
        body.appendChild(el("p", { text: "Could not load the event: " + err.message }));
        panel.hidden = false;
      });
  }

  // live.js adds events that arrive while the page is open (new event ids only)
  window.sitrepAddFeatures = function (features) {
    var known = {};
    state.features.forEach(function (f) { known[f.properties.event_id] = true; });
    var fresh = features.filter(function (f) { return !known[f.properties.event_id]; });
    fresh.forEach(function (f) { f._t = f.properties.event_date ? Date.parse(f.properties.event_date) : null; });
    if (fresh.length) { state.features = fresh.concat(state.features); refresh(); }
    return fresh.length;
  };

  // ---- load ----
  var started = performance.now();
  fetch(config.geojson).then(function (r) { return r.json(); }).then(function (geo) {
    state.features = geo.features.map(function (f) {
      f._t = f.properties.event_date ? Date.parse(f.properties.event_date) : null;
      return f;
    });
    refresh();
    var pts = state.features.filter(function (f) { return f.geometry; }).map(function (f) {
      return [f.geometry.coordinates[1], f.geometry.coordinates[0]];
    });
    // no animation: "ready" must mean the markers sit where they will stay (a click on a marker
    // that is still flying to its place misses it)
    if (pts.length) { map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 9, animate: false }); }
    document.body.setAttribute("data-loaded-ms", String(Math.round(performance.now() - started)));
    document.body.setAttribute("data-ready", "1");
  });
})();

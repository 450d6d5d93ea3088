/* ZoneGraph view behaviour: legend with type toggles, search, details panel, and the
 * data-* attributes on <body> that tests and benchmarks read (data-ready, data-nodes-drawn,
 * data-search-hits, data-selected).
 *
 * data-stable marks the end of the physics simulation (at once when physics is off).
 *
 * Every text that came from a document reaches the page through textContent (or vis's
 * tooltip, which uses innerText): nothing here builds HTML from strings, so a document
 * that contains <script> shows it as text.
 */
function zgView(nodes, edges, options) {
  "use strict";
  var data = JSON.parse(document.getElementById("zg-data").textContent);
  var body = document.body;
  var network = new vis.Network(document.getElementById("mynetwork"),
                                {nodes: nodes, edges: edges}, options);
  var big = nodes.length > 2000;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }

  /* ---------------------------------------------------------------- drawing state */
  var drawn = false;
  network.on("afterDrawing", function () {
    body.dataset.nodesDrawn = String(network.body.nodeIndices.length);
    body.dataset.edgesDrawn = String(network.body.edgeIndices.length);
    if (!drawn) {
      drawn = true;
      body.dataset.firstDrawMs = String(Math.round(performance.now()));
      body.dataset.ready = "1";
      if (!data.physics) { body.dataset.stable = "1"; }
    }
  });
  network.once("stabilized", function () {
    network.fit({animation: false});  // physics kept moving nodes after the first fit
    body.dataset.stable = "1";
  });

  /* ---------------------------------------------------------------- header notes */
  document.getElementById("zg-notes").textContent = data.notes.join(" · ");

  /* ---------------------------------------------------------------- legend */
  var legend = document.getElementById("zg-legend");
  var hiddenTypes = {};
  var typeOf = {};
  nodes.forEach(function (n) { typeOf[n.id] = n.group; });

  function applyToggles() {
    var changes = [];
    nodes.forEach(function (n) {
      var hide = hiddenTypes[n.group] === true;
      if ((n.hidden === true) !== hide) { changes.push({id: n.id, hidden: hide}); }
    });
    nodes.update(changes);
  }
  legend.appendChild(el("h2", "Types · 类型"));
  data.types.forEach(function (t) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = t.type;
    box.addEventListener("change", function () {
      hiddenTypes[t.type] = !box.checked;
      applyToggles();
    });
    label.appendChild(box);
    var sym = el("span", t.symbol, "zg-sym");
    sym.style.color = t.color;
    label.appendChild(sym);
    label.appendChild(el("span", t.name));
    label.appendChild(el("span", t.count, "zg-count"));
    legend.appendChild(label);
  });
  if (data.communities.length) {
    legend.appendChild(el("h2", "Communities · 社群"));
    data.communities.forEach(function (c) {
      var row = el("div", null, "zg-row");
      var sym = el("span", "●", "zg-sym");
      sym.style.color = c.color;
      row.appendChild(sym);
      row.appendChild(el("span", c.label));
      row.appendChild(el("span", c.count, "zg-count"));
      legend.appendChild(row);
    });
  }
  if (data.relations.length) {
    legend.appendChild(el("h2", "Relations · 关系"));
    data.relations.forEach(function (r) {
      var row = el("div", null, "zg-row");
      var line = el("span", null, "zg-line");
      line.style.background = r.color;
      row.appendChild(line);
      row.appendChild(el("span", r.name));
      row.appendChild(el("span", r.count, "zg-count"));
      legend.appendChild(row);
    });
    legend.appendChild(el("div", "dashed: planned only · 虚线：仅为计划", "zg-row"));
    legend.appendChild(el("div", "dotted: added by an analyst · 点线：人工添加; dashed ring: corrected · 虚线框：人工校正", "zg-row"));
  }
  legend.appendChild(el("h2", "Size · 大小"));
  legend.appendChild(el("div", data.sizeBy, "zg-row"));

  /* ---------------------------------------------------------------- details panel */
  var panel = document.getElementById("zg-panel");
  var panelBody = document.getElementById("zg-panel-body");
  function closePanel() {
    if (!panel.hidden) {
      panel.hidden = true;
      network.setSize("100%", "100%");
    }
    delete body.dataset.panel;
  }
  document.getElementById("zg-panel-close").addEventListener("click", function () {
    closePanel();
    network.unselectAll();
  });

  function linkTo(id, text) {
    if (data.nodes[String(id)] === undefined) { return el("span", text); }
    var b = el("button", text, "zg-link");
    b.type = "button";
    b.addEventListener("click", function () { select(id); });
    return b;
  }
  function articleMeta(index) {
    var a = data.articles[index] || ["", "", ""];
    return [a[0] ? "《" + a[0] + "》" : "", a[1], a[2]].filter(Boolean).join(" · ");
  }
  /* the article's web page as a link, so a report can cite it: only http(s) URLs */
  function articleLink(index) {
    var url = (data.articles[index] || [])[3];
    if (!url || !/^https?:\/\//i.test(url)) { return null; }
    var a = el("a", url, "zg-url");
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function evidenceList(evidence) {
    var ul = el("ul");
    evidence.forEach(function (ev) {
      var li = el("li");
      li.appendChild(el("div", ev[0], "zg-sentence"));
      if (ev[5]) {  // added by an analyst: the sentence is the note
        li.appendChild(el("div", "curated · 人工校正 · " + ev[5], "zg-curated"));
        ul.appendChild(li);
        return;
      }
      var meta = articleMeta(ev[1]);
      if (ev[2] !== null) { meta += " · confidence " + ev[2]; }
      if (ev[4]) { meta += " · as written: " + ev[4]; }
      var metaDiv = el("div", meta, "zg-meta");
      var link = articleLink(ev[1]);
      if (link) { metaDiv.appendChild(document.createTextNode(" · ")); metaDiv.appendChild(link); }
      li.appendChild(metaDiv);
      if (ev[3]) { li.appendChild(el("div", "planned · 计划", "zg-planned")); }
      ul.appendChild(li);
    });
    return ul;
  }
  function showNode(id) {
    var n = data.nodes[String(id)];
    if (!n) { return; }
    clear(panelBody);
    panelBody.appendChild(el("h2", n.label));
    panelBody.appendChild(el("p", n.types.join(" / "), "zg-types"));
    var facts = [];
    if (n.names.length) { facts.push(["Names · 别名", n.names.join("、")]); }
    n.attrs.forEach(function (a) { facts.push(a); });
    if (n.metric !== undefined) { facts.push([data.sizeBy, String(n.metric)]); }
    if (facts.length) {
      var dl = el("dl");
      facts.forEach(function (f) { dl.appendChild(el("dt", f[0])); dl.appendChild(el("dd", f[1])); });
      panelBody.appendChild(dl);
    }
    if (n.corrections && n.corrections.length) {
      panelBody.appendChild(el("h3", "Corrections · 人工校正"));
      var ulc = el("ul");
      n.corrections.forEach(function (c) { ulc.appendChild(el("li", c, "zg-curated")); });
      panelBody.appendChild(ulc);
    }
    if (n.posts.length) {
      panelBody.appendChild(el("h3", "Posts · 职务"));
      var ul = el("ul");
      n.posts.forEach(function (p) {
        var li = el("li", p[0] + " — ");
        li.appendChild(linkTo(p[2], p[1]));
        ul.appendChild(li);
      });
      panelBody.appendChild(ul);
    }
    if (n.edges.length) {
      panelBody.appendChild(el("h3", "Relations and evidence · 关系与证据"));
      n.edges.forEach(function (eid) {
        var e = data.edges[String(eid)];
        var other = e.from === id ? e.to : e.from;
        var head = el("div");
        var arrow = e.relation === "cooperatesWith" ? " ↔ " : (e.from === id ? " → " : " ← ");
        head.appendChild(el("strong", e.relation + arrow));
        head.appendChild(linkTo(other, data.nodes[String(other)].label));
        head.appendChild(el("span", " (" + e.articles + " article" + (e.articles === 1 ? "" : "s") + ")", "zg-meta"));
        panelBody.appendChild(head);
        panelBody.appendChild(evidenceList(e.evidence));
      });
    }
    if (n.articles.length) {
      panelBody.appendChild(el("h3", "Mentioned in · 提及文章"));
      var ula = el("ul");
      n.articles.forEach(function (a) { ula.appendChild(el("li", articleMeta(a))); });
      panelBody.appendChild(ula);
    }
    openPanel("node");
  }
  function showEdge(eid) {
    var e = data.edges[String(eid)];
    if (!e) { return; }
    clear(panelBody);
    var h = el("h2");
    h.appendChild(linkTo(e.from, data.nodes[String(e.from)].label));
    h.appendChild(el("span", e.relation === "cooperatesWith" ? " ↔ " : " → "));
    h.appendChild(linkTo(e.to, data.nodes[String(e.to)].label));
    panelBody.appendChild(h);
    panelBody.appendChild(el("p", e.relation + " · " + e.articles + " article(s), " +
                                   e.evidence.length + " sentence(s)", "zg-types"));
    panelBody.appendChild(evidenceList(e.evidence));
    openPanel("edge");
  }
  function openPanel(kind) {
    if (panel.hidden) {
      panel.hidden = false;
      network.setSize("100%", "100%");  // the canvas just got narrower
    }
    body.dataset.panel = kind;
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); body.dataset.selected = String(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
    else { closePanel(); }
  });

  function select(id) {
    var node = nodes.get(id);
    if (!node) { return; }
    if (node.hidden) {  // shown on purpose: turn its type back on
      hiddenTypes[node.group] = false;
      var box = legend.querySelector('input[data-type="' + node.group + '"]');
      if (box) { box.checked = true; }
      applyToggles();
    }
    network.selectNodes([id]);
    showNode(id);  // first: the panel narrows the canvas the focus centres on
    network.focus(id, {scale: Math.max(network.getScale(), 1.0),
                       animation: big ? false : {duration: 400, easingFunction: "easeInOutQuad"}});
    body.dataset.selected = String(id);
  }

  /* ---------------------------------------------------------------- search */
  var input = document.getElementById("zg-search");
  var results = document.getElementById("zg-search-results");
  var status = document.getElementById("zg-search-status");
  var index = Object.keys(data.nodes).map(function (k) {
    var n = data.nodes[k];
    var all = [n.label].concat(n.names).map(function (s) { return s.normalize("NFKC").toLowerCase(); });
    return {id: Number(k), label: n.label, type: n.types[0], names: all};
  });
  var hits = [];

  function search(text) {
    var q = text.normalize("NFKC").trim().toLowerCase();
    clear(results);
    hits = [];
    if (!q) {
      results.hidden = true;
      status.textContent = "";
      delete body.dataset.searchHits;
      return hits;
    }
    index.forEach(function (entry) {
      var rank = 9;
      entry.names.forEach(function (s) {
        if (s === q) { rank = Math.min(rank, 0); }
        else if (s.indexOf(q) === 0) { rank = Math.min(rank, 1); }
        else if (s.indexOf(q) > 0) { rank = Math.min(rank, 2); }
      });
      if (rank < 9) { hits.push({entry: entry, rank: rank}); }
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || a.entry.label.length - b.entry.label.length ||
             (a.entry.label < b.entry.label ? -1 : 1);
    });
    hits = hits.map(function (h) { return h.entry; });
    hits.slice(0, 30).forEach(function (entry, i) {
      var li = el("li", entry.label);
      li.appendChild(el("span", entry.type, "zg-type"));
      if (i === 0) { li.className = "active"; }
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(entry); });
      results.appendChild(li);
    });
    results.hidden = hits.length === 0;
    status.textContent = hits.length ? hits.length + " found" : "not found · 未找到";
    body.dataset.searchHits = String(hits.length);
    return hits;
  }
  function choose(entry) {
    results.hidden = true;
    input.value = entry.label;
    select(entry.id);
  }
  input.addEventListener("input", function () { search(input.value); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      if (!hits.length) { search(input.value); }
      if (hits.length) { choose(hits[0]); }
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      input.value = "";
      search("");
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });

  window.zgNetwork = network;
  window.zgSelect = select;
  window.zgSearch = search;
  return network;
}

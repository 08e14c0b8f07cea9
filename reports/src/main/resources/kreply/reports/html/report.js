/*
 * kreply HTML report: filters, sorts and pages the findings table, and builds a finding's details
 * (source excerpt, witness path diagram, fix preview, rule documentation) and the call-graph view
 * only when they are asked for, so ten thousand findings cost one page of rows at a time.
 *
 * Safety: everything taken from the report data reaches the page as text nodes or as attribute
 * values of elements created here (href only ever '#' plus numbers). Nothing is parsed as HTML.
 * Characters that hide or reorder text (controls, bidi overrides, zero-width) are shown as U+XXXX
 * badges, the same set the server-side templates use (VisibleText.java).
 */
'use strict';
(function () {
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var PAGE_SIZE = 50;
  var FINDING_CONTEXT = 8;
  var STEP_CONTEXT = 3;
  var GRAPH_SIDE_MAX = 25;
  var HIDDEN_SET = '[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f' +
      '\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff]';
  var HIDDEN = new RegExp(HIDDEN_SET);
  var HIDDEN_ALL = new RegExp(HIDDEN_SET, 'g');
  var SEVERITY_RANK = { error: 0, warning: 1, note: 2, unknown: 3 };
  var STATUS_RANK = { 'new': 0, baselined: 1, suppressed: 2 };

  // Records Content-Security-Policy violations (a test reads them: there must never be any).
  var violations = [];
  document.addEventListener('securitypolicyviolation', function (e) {
    violations.push(e.violatedDirective + ' ' + (e.blockedURI || ''));
  });
  window.kreplyReport = { cspViolations: violations };

  var data;
  var findings;
  var state;
  var view = [];
  var dom = {};
  var hay = null;
  var graph = null;

  document.addEventListener('DOMContentLoaded', init);

  function init() {
    data = JSON.parse(document.getElementById('kreply-data').textContent);
    findings = data.findings;
    dom.body = byId('findings-body');
    dom.count = byId('result-count');
    dom.pageInfo = byId('page-info');
    dom.prev = byId('page-prev');
    dom.next = byId('page-next');
    dom.search = byId('filter-text');
    dom.selects = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
    dom.radios = Array.prototype.slice.call(document.querySelectorAll('input[name="status"]'));
    dom.sortButtons = Array.prototype.slice.call(document.querySelectorAll('button[data-sort]'));
    state = {
      status: checkedStatus(), rule: '', code: '', severity: '', file: '', q: '',
      sort: 'location', dir: 1, page: 0, open: {}
    };
    wire();
    apply(false);
    initCallGraph();
    document.documentElement.setAttribute('data-ready', 'true');
    performance.mark('kreply-rendered');
    // the search index is only needed once someone types: build it when the browser is idle
    (window.requestIdleCallback || window.setTimeout)(function () {
      if (!hay) {
        buildHay();
      }
    });
  }

  // ---- helpers

  function byId(id) {
    return document.getElementById(id);
  }

  function label(ch) {
    var h = ch.charCodeAt(0).toString(16).toUpperCase();
    while (h.length < 4) {
      h = '0' + h;
    }
    return 'U+' + h;
  }

  /** The text with hidden characters replaced by their labels, for attributes and SVG text. */
  function flat(s) {
    return s == null ? '' : String(s).replace(HIDDEN_ALL, label);
  }

  /** Appends s to parent as text, hidden characters as visible badges. */
  function text(parent, s) {
    s = s == null ? '' : String(s);
    if (!HIDDEN.test(s)) {
      parent.appendChild(document.createTextNode(s));
      return parent;
    }
    var last = 0;
    var m;
    HIDDEN_ALL.lastIndex = 0;
    while ((m = HIDDEN_ALL.exec(s)) !== null) {
      if (m.index > last) {
        parent.appendChild(document.createTextNode(s.slice(last, m.index)));
      }
      parent.appendChild(el('span', { 'class': 'hidden-char', title: 'hidden character' }, [label(m[0])]));
      last = m.index + 1;
    }
    if (last < s.length) {
      parent.appendChild(document.createTextNode(s.slice(last)));
    }
    return parent;
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    setAttrs(e, attrs);
    (children || []).forEach(function (c) {
      if (c == null) {
        return;
      }
      if (typeof c === 'string') {
        text(e, c);
      } else {
        e.appendChild(c);
      }
    });
    return e;
  }

  function svg(tag, attrs, children) {
    var e = document.createElementNS(SVG_NS, tag);
    setAttrs(e, attrs);
    (children || []).forEach(function (c) {
      if (typeof c === 'string') {
        e.appendChild(document.createTextNode(flat(c)));
      } else if (c != null) {
        e.appendChild(c);
      }
    });
    return e;
  }

  function setAttrs(e, attrs) {
    if (!attrs) {
      return;
    }
    Object.keys(attrs).forEach(function (k) {
      if (attrs[k] != null) {
        e.setAttribute(k, String(attrs[k]));
      }
    });
  }

  function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function clip(s, max) {
    return s.length > max ? s.slice(0, max - 1) + '…' : s;
  }

  /** pkg.Class#name(T1,T2) → Class#name, as the text report shows methods. */
  function compact(id) {
    if (id == null) {
      return '?';
    }
    var s = String(id);
    var paren = s.indexOf('(');
    if (paren >= 0) {
      s = s.slice(0, paren);
    }
    var hash = s.indexOf('#');
    var type = hash >= 0 ? s.slice(0, hash) : s;
    var member = hash >= 0 ? s.slice(hash) : '';
    return type.slice(type.lastIndexOf('.') + 1) + member;
  }

  function fileOf(i) {
    return i >= 0 && i < data.files.length ? data.files[i] : null;
  }

  function ruleOf(f) {
    return f.rule >= 0 ? data.rules[f.rule] : { id: '?', title: '', description: '' };
  }

  function nodeOf(i) {
    return i >= 0 && i < data.nodes.length ? data.nodes[i] : null;
  }

  function where(fileIndex, line) {
    var file = fileOf(fileIndex);
    if (file == null) {
      return 'location unknown';
    }
    return line > 0 ? file + ':' + line : file;
  }

  // ---- controls

  function checkedStatus() {
    for (var i = 0; i < dom.radios.length; i++) {
      if (dom.radios[i].checked) {
        return dom.radios[i].value;
      }
    }
    return 'all';
  }

  function wire() {
    dom.selects.forEach(function (s) {
      s.addEventListener('change', function () {
        state[s.getAttribute('data-filter')] = s.value;
        state.page = 0;
        apply(true);
      });
    });
    dom.radios.forEach(function (r) {
      r.addEventListener('change', function () {
        state.status = r.value;
        state.page = 0;
        apply(true);
      });
    });
    dom.search.addEventListener('input', function () {
      state.q = dom.search.value;
      state.page = 0;
      apply(true);
    });
    byId('filter-reset').addEventListener('click', function () {
      setFilters({ status: 'all', rule: '', code: '', severity: '', file: '', q: '' });
    });
    dom.sortButtons.forEach(function (b) {
      b.addEventListener('click', function () {
        var key = b.getAttribute('data-sort');
        state.dir = state.sort === key ? -state.dir : 1;
        state.sort = key;
        apply(true);
      });
    });
    dom.prev.addEventListener('click', function () {
      state.page--;
      renderTable();
    });
    dom.next.addEventListener('click', function () {
      state.page++;
      renderTable();
    });
    dom.body.addEventListener('click', function (e) {
      var t = e.target.closest('button.toggle');
      if (t) {
        toggle(Number(t.getAttribute('data-n')));
        return;
      }
      var g = e.target.closest('button.show-in-graph');
      if (g) {
        showNode(Number(g.getAttribute('data-node')), true);
        return;
      }
      var a = e.target.closest('a.step-link');
      if (a) {
        e.preventDefault();
        var target = byId(a.getAttribute('href').slice(1));
        if (target) {
          window.location.hash = target.id;
          target.focus();
        }
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll('button.filter-link'), function (b) {
      b.addEventListener('click', function () {
        var f = { status: 'all', rule: '', code: '', severity: '', file: '', q: '' };
        f[b.getAttribute('data-filter')] = b.getAttribute('data-value');
        setFilters(f);
        byId('findings-title').scrollIntoView();
      });
    });
  }

  /** Sets every filter (and its control) at once. */
  function setFilters(f) {
    state.status = f.status;
    dom.radios.forEach(function (r) {
      r.checked = r.value === f.status;
    });
    dom.selects.forEach(function (s) {
      var key = s.getAttribute('data-filter');
      state[key] = f[key];
      s.value = f[key];
    });
    state.q = f.q;
    dom.search.value = f.q;
    state.page = 0;
    apply(true);
  }

  // ---- filtering, sorting, paging

  function buildHay() {
    hay = new Array(findings.length);
    for (var i = 0; i < findings.length; i++) {
      var f = findings[i];
      var node = nodeOf(f.method);
      hay[i] = [f.msg, f.name, node ? node.id : '', fileOf(f.file), ruleOf(f).id, f.codes.join(' '),
        f.reason || ''].join('\n').toLowerCase();
    }
  }

  var SORTS = {
    severity: function (a, b) {
      return rank(SEVERITY_RANK, a.sev) - rank(SEVERITY_RANK, b.sev);
    },
    status: function (a, b) {
      return rank(STATUS_RANK, a.status) - rank(STATUS_RANK, b.status);
    },
    rule: function (a, b) {
      return cmp(ruleOf(a).id, ruleOf(b).id);
    },
    codes: function (a, b) {
      return cmp(a.codes.join(' '), b.codes.join(' '));
    },
    location: function (a, b) {
      return cmp(fileOf(a.file) || '', fileOf(b.file) || '') || a.line - b.line;
    },
    method: function (a, b) {
      return cmp(compact(a.name), compact(b.name));
    },
    message: function (a, b) {
      return cmp(a.msg || '', b.msg || '');
    }
  };

  function rank(table, key) {
    return key in table ? table[key] : 9;
  }

  function apply(measured) {
    var t0 = performance.now();
    var rule = state.rule === '' ? -1 : indexOfRule(state.rule);
    var file = state.file === '' ? -1 : data.files.indexOf(state.file);
    var q = state.q.trim().toLowerCase();
    if (q && !hay) {
      buildHay();
    }
    view = [];
    for (var i = 0; i < findings.length; i++) {
      var f = findings[i];
      if ((state.status !== 'all' && f.status !== state.status) || (state.rule !== '' && f.rule !== rule) ||
          (state.code !== '' && f.codes.indexOf(state.code) < 0) ||
          (state.severity !== '' && f.sev !== state.severity) || (state.file !== '' && f.file !== file) ||
          (q && hay[i].indexOf(q) < 0)) {
        continue;
      }
      view.push(i);
    }
    var by = SORTS[state.sort];
    var dir = state.dir;
    view.sort(function (a, b) {
      return dir * by(findings[a], findings[b]) || a - b;
    });
    renderTable();
    if (measured) {
      performance.measure('kreply-filter', { start: t0, end: performance.now() });
    }
  }

  function indexOfRule(id) {
    for (var i = 0; i < data.rules.length; i++) {
      if (data.rules[i].id === id) {
        return i;
      }
    }
    return -2;
  }

  function pages() {
    return Math.max(1, Math.ceil(view.length / PAGE_SIZE));
  }

  function renderTable() {
    state.page = Math.max(0, Math.min(state.page, pages() - 1));
    var start = state.page * PAGE_SIZE;
    var end = Math.min(view.length, start + PAGE_SIZE);
    var rows = [];
    for (var k = start; k < end; k++) {
      rows.push(row(view[k]));
      if (state.open[view[k]]) {
        rows.push(detail(view[k]));
      }
    }
    dom.body.replaceChildren.apply(dom.body, rows);
    if (view.length === 0) {
      dom.count.textContent = 'No findings match the filters (' + findings.length + ' in total).';
    } else {
      dom.count.textContent = 'Showing ' + (start + 1) + '–' + end + ' of ' + view.length + ' matching findings' +
          (view.length !== findings.length ? ' (' + findings.length + ' in total).' : '.');
    }
    dom.pageInfo.textContent = 'Page ' + (state.page + 1) + ' of ' + pages();
    dom.prev.disabled = state.page === 0;
    dom.next.disabled = state.page >= pages() - 1;
    dom.sortButtons.forEach(function (b) {
      var active = b.getAttribute('data-sort') === state.sort;
      b.parentNode.setAttribute('aria-sort', active ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
  }

  function row(n) {
    var f = findings[n];
    var open = !!state.open[n];
    var file = fileOf(f.file);
    var node = nodeOf(f.method);
    var codes = el('td', { 'class': 'codes' });
    f.codes.forEach(function (c) {
      codes.appendChild(el('span', { 'class': 'code-badge' }, [c]));
      codes.appendChild(document.createTextNode(' '));
    });
    return el('tr', { id: 'finding-' + n, 'class': 'finding' }, [
      el('td', null, [el('button', {
        type: 'button', 'class': 'toggle', 'data-n': n, 'aria-expanded': open ? 'true' : 'false',
        'aria-controls': 'detail-' + n,
        'aria-label': 'Details of ' + flat(compact(f.name)) + ' at ' + flat(where(f.file, f.line))
      }, [open ? '▾' : '▸'])]),
      el('td', null, [el('span', { 'class': 'sev sev-' + f.sev }, [f.sev])]),
      el('td', null, [el('span', { 'class': 'status status-' + f.status }, [f.status])]),
      el('td', { 'class': 'rule' }, [ruleOf(f).id]),
      codes,
      el('td', { 'class': 'loc', title: flat(where(f.file, f.line)) },
        [(file == null ? '?' : file.slice(file.lastIndexOf('/') + 1)) + ':' + f.line]),
      el('td', { 'class': 'method', title: flat(node ? node.id : f.name) }, [compact(f.name)]),
      el('td', { 'class': 'msg' }, [f.msg])
    ]);
  }

  function toggle(n) {
    var tr = byId('finding-' + n);
    var button = tr.querySelector('button.toggle');
    if (state.open[n]) {
      delete state.open[n];
      var d = byId('detail-' + n);
      if (d) {
        d.remove();
      }
    } else {
      state.open[n] = true;
      tr.after(detail(n));
    }
    button.setAttribute('aria-expanded', state.open[n] ? 'true' : 'false');
    button.textContent = state.open[n] ? '▾' : '▸';
  }

  // ---- finding details

  function detail(n) {
    var f = findings[n];
    var rule = ruleOf(f);
    var node = nodeOf(f.method);
    var body = el('div', { 'class': 'detail-body' });
    body.appendChild(el('h3', null, [compact(f.name) + ': ' + (rule.title || rule.id)]));
    body.appendChild(el('p', { 'class': 'message' }, [f.msg]));
    var facts = el('dl', { 'class': 'facts' });
    fact(facts, 'Rule', el('a', { href: '#rule-' + f.rule }, [rule.id]));
    fact(facts, 'Codes', f.codes.join(' '));
    fact(facts, 'Severity', f.sev);
    fact(facts, 'Status', f.status + (f.status === 'suppressed' ? ': ' + (f.reason || '') :
        f.status === 'baselined' ? ' (accepted in the baseline)' : ''));
    fact(facts, 'Location', where(f.file, f.line));
    fact(facts, 'Method', el('code', null, [node ? node.id : f.name]));
    fact(facts, 'Fingerprint', el('code', null, [f.fp]));
    body.appendChild(facts);
    if (rule.description) {
      body.appendChild(el('p', { 'class': 'rule-description' }, [rule.description]));
    }

    body.appendChild(el('h4', null, ['Source']));
    body.appendChild(excerpt(f.file, f.line, FINDING_CONTEXT, 'Source of ' + where(f.file, f.line)));

    if (f.path.length) {
      body.appendChild(el('h4', null, ['Witness call path']));
      body.appendChild(el('p', { 'class': 'note' }, ['The shortest call path from an entry point to the ' +
        'flagged method; select a step to see its source.']));
      body.appendChild(pathDiagram(n, f));
      body.appendChild(steps(n, f));
    }

    if (f.fix) {
      body.appendChild(el('h4', null, ['Fix preview']));
      body.appendChild(el('p', null, [el('strong', null, [f.fix.recipe || 'refactoring']),
        f.fix.description ? ': ' + f.fix.description : '']));
      body.appendChild(f.fix.diff ? diff(f.fix.diff) :
          el('p', { 'class': 'note' }, ['The refactoring applies here; its diff has not been computed for this run.']));
    }

    var doc = byId('rule-' + f.rule + '-doc');
    if (doc) {
      var details = el('details', { 'class': 'ruledoc-copy' }, [el('summary', null, ['Rule documentation: ' + rule.id])]);
      var copy = doc.cloneNode(true);
      copy.removeAttribute('id');
      details.appendChild(copy);
      body.appendChild(details);
    } else {
      body.appendChild(el('p', { 'class': 'note no-doc' }, ['The rule ',
        f.rule >= 0 ? el('a', { href: '#rule-' + f.rule }, [rule.id]) : rule.id, ' has no documentation page.']));
    }
    if (f.method >= 0) {
      body.appendChild(el('p', null, [el('button', { type: 'button', 'class': 'show-in-graph', 'data-node': f.method },
        ['Show ' + compact(f.name) + ' in the call graph'])]));
    }
    return el('tr', { id: 'detail-' + n, 'class': 'detail' }, [el('td', { colspan: 8 }, [body])]);
  }

  function fact(dl, name, value) {
    dl.appendChild(el('dt', null, [name]));
    dl.appendChild(el('dd', null, [value]));
  }

  /** Source lines [from, to] of a file that the report embeds, as [number, text] pairs. */
  function sourceLines(fileIndex, from, to) {
    var chunks = data.sources[String(fileIndex)] || [];
    var out = [];
    chunks.forEach(function (c) {
      var first = c[0];
      var lines = c[1];
      for (var n = Math.max(from, first); n <= Math.min(to, first + lines.length - 1); n++) {
        out.push([n, lines[n - first]]);
      }
    });
    return out;
  }

  function excerpt(fileIndex, line, context, caption) {
    var lines = sourceLines(fileIndex, line - context, line + context);
    var file = fileOf(fileIndex);
    if (!lines.length) {
      return el('p', { 'class': 'note no-source' }, [file == null ? 'No source location.' :
        'Source not available: ' + file + ' could not be read under the analysed root.']);
    }
    var code = el('code');
    lines.forEach(function (l) {
      var hit = l[0] === line;
      code.appendChild(el(hit ? 'mark' : 'span', { 'class': hit ? 'src-line hit' : 'src-line' }, [
        el('span', { 'class': 'ln', 'aria-hidden': 'true' }, [String(l[0])]),
        el('span', { 'class': 'src' }, [l[1]])
      ]));
    });
    return el('figure', { 'class': 'excerpt' }, [
      el('figcaption', null, [caption]),
      el('pre', { dir: 'ltr' }, [code])
    ]);
  }

  function pathDiagram(n, f) {
    var W = 640;
    var BOX = 44;
    var GAP = 30;
    var height = f.path.length * BOX + (f.path.length - 1) * GAP + 16;
    var root = svg('svg', {
      'class': 'path-diagram', viewBox: '0 0 ' + W + ' ' + height, width: W, height: height, role: 'group',
      'aria-label': 'Witness call path, ' + f.path.length + ' steps from the entry point to the flagged method'
    });
    f.path.forEach(function (step, k) {
      var node = nodeOf(step[0]);
      var y = 8 + k * (BOX + GAP);
      if (k > 0) {
        root.appendChild(svg('line', {
          x1: 40, y1: y - GAP, x2: 40, y2: y - 1, 'class': 'edge', 'marker-end': 'url(#kreply-arrow)'
        }));
        root.appendChild(svg('text', { x: 52, y: y - GAP / 2 + 4, 'class': 'edge-kind' }, [step[1] || 'call']));
      }
      var id = node ? node.id : '?';
      var loc = node ? where(node.file, node.line) : 'location unknown';
      var role = k === 0 ? ' entry' : k === f.path.length - 1 ? ' flagged' : '';
      var a = svg('a', {
        href: '#step-' + n + '-' + k, 'class': 'step-link node' + role,
        'aria-label': 'Step ' + (k + 1) + ': ' + flat(compact(id)) + ' at ' + flat(loc)
      }, [
        svg('title', null, [id + ' (' + loc + ')']),
        svg('rect', { x: 8, y: y, width: W - 16, height: BOX, rx: 6 }),
        svg('text', { x: 20, y: y + 18, 'class': 'node-name' }, [clip(compact(id), 74)]),
        svg('text', { x: 20, y: y + 35, 'class': 'node-loc' }, [clip(loc, 90)])
      ]);
      root.appendChild(a);
    });
    return el('div', { 'class': 'diagram-scroll' }, [root]);
  }

  function steps(n, f) {
    var ol = el('ol', { 'class': 'steps' });
    f.path.forEach(function (step, k) {
      var node = nodeOf(step[0]);
      var id = node ? node.id : '?';
      ol.appendChild(el('li', { id: 'step-' + n + '-' + k, tabindex: '-1' }, [
        el('span', { 'class': 'step-kind' }, [k === 0 ? 'entry point' : 'called via ' + (step[1] || 'call')]),
        ' ',
        el('code', { title: flat(id) }, [compact(id)]),
        ' ',
        el('span', { 'class': 'loc' }, [node ? where(node.file, node.line) : 'location unknown']),
        node ? excerpt(node.file, node.line, STEP_CONTEXT, 'Declaration of ' + compact(id)) : null
      ]));
    });
    return ol;
  }

  function diff(text) {
    var code = el('code');
    text.split(/\r?\n/).forEach(function (line) {
      var kind = /^(\+\+\+|---)( |$)/.test(line) ? 'meta' : line.charAt(0) === '+' ? 'add' :
        line.charAt(0) === '-' ? 'del' : line.indexOf('@@') === 0 ? 'hunk' : 'ctx';
      code.appendChild(el('span', { 'class': 'diff-line ' + kind }, [line]));
    });
    return el('pre', { 'class': 'diff', dir: 'ltr' }, [code]);
  }

  // ---- call graph

  function initCallGraph() {
    dom.cgInput = byId('cg-input');
    dom.cgList = byId('cg-methods');
    dom.cgView = byId('cg-view');
    dom.cgMatches = byId('cg-matches');
    dom.cgInput.addEventListener('focus', fillMethodList, { once: true });
    dom.cgInput.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') {
        e.preventDefault();
        choose(dom.cgInput.value);
      }
    });
    byId('cg-go').addEventListener('click', function () {
      choose(dom.cgInput.value);
    });
    dom.cgView.addEventListener('click', onGraphClick);
    dom.cgMatches.addEventListener('click', onGraphClick);
    var first = view.length ? findings[view[0]] : findings[0];
    if (first && first.method >= 0) {
      showNode(first.method, false);
    } else {
      dom.cgView.replaceChildren(el('p', { 'class': 'note' }, ['No findings, so no witness paths to show.']));
    }
  }

  function onGraphClick(e) {
    var a = e.target.closest('[data-node]');
    if (a) {
      e.preventDefault();
      showNode(Number(a.getAttribute('data-node')), false);
    }
  }

  function fillMethodList() {
    var options = data.nodes.map(function (node) {
      return el('option', { value: node.id });
    });
    dom.cgList.replaceChildren.apply(dom.cgList, options);
  }

  /** Finds methods by full id, by Class#name, or by a part of the id, and shows the one match. */
  function choose(input) {
    var q = input.trim();
    dom.cgMatches.replaceChildren();
    if (!q) {
      return;
    }
    var exact = [];
    var partial = [];
    var lower = q.toLowerCase();
    data.nodes.forEach(function (node, i) {
      if (node.id === q || compact(node.id) === q) {
        exact.push(i);
      } else if (node.id.toLowerCase().indexOf(lower) >= 0) {
        partial.push(i);
      }
    });
    var found = exact.length ? exact : partial;
    if (found.length === 1) {
      showNode(found[0], false);
      return;
    }
    if (!found.length) {
      dom.cgMatches.appendChild(el('p', { 'class': 'note' }, ['No method in the report matches “' + q + '”.']));
      return;
    }
    var list = el('ul');
    found.slice(0, 20).forEach(function (i) {
      list.appendChild(el('li', null, [el('button', { type: 'button', 'data-node': i }, [data.nodes[i].id])]));
    });
    dom.cgMatches.appendChild(el('p', null, [found.length + ' methods match “' + q + '”' +
      (found.length > 20 ? '; the first 20:' : ':')]));
    dom.cgMatches.appendChild(list);
  }

  function graphIndex() {
    if (!graph) {
      graph = { callers: {}, callees: {} };
      data.edges.forEach(function (e) {
        (graph.callees[e[0]] = graph.callees[e[0]] || []).push([e[1], e[2]]);
        (graph.callers[e[1]] = graph.callers[e[1]] || []).push([e[0], e[2]]);
      });
    }
    return graph;
  }

  function showNode(i, scroll) {
    var node = nodeOf(i);
    if (!node) {
      return;
    }
    var g = graphIndex();
    var callers = (g.callers[i] || []).slice().sort(function (a, b) {
      return cmp(compact(data.nodes[a[0]].id), compact(data.nodes[b[0]].id));
    });
    var callees = (g.callees[i] || []).slice().sort(function (a, b) {
      return cmp(compact(data.nodes[a[0]].id), compact(data.nodes[b[0]].id));
    });
    dom.cgInput.value = node.id;
    dom.cgMatches.replaceChildren();
    var loc = where(node.file, node.line);
    var parts = [
      el('h3', null, [compact(node.id)]),
      el('p', null, [el('code', null, [node.id]), ' · ', loc, ' · ',
        callers.length + node['in'] + ' caller' + (callers.length + node['in'] === 1 ? '' : 's') + ', ' +
        (callees.length + node.out) + ' callee' + (callees.length + node.out === 1 ? '' : 's') + ' in this view']),
      graphDiagram(i, callers, callees)
    ];
    if (node.file >= 0) {
      parts.push(excerpt(node.file, node.line, STEP_CONTEXT, 'Declaration of ' + compact(node.id)));
    }
    dom.cgView.replaceChildren.apply(dom.cgView, parts);
    if (scroll) {
      var heading = byId('callgraph-title');
      heading.scrollIntoView();
      heading.focus();
    }
  }

  function graphDiagram(focus, callers, callees) {
    var BOX = 44;
    var GAP = 10;
    var COL = 300;
    var shownCallers = callers.slice(0, GRAPH_SIDE_MAX);
    var shownCallees = callees.slice(0, GRAPH_SIDE_MAX);
    var node = data.nodes[focus];
    var extraLeft = callers.length - shownCallers.length + node['in'];
    var extraRight = callees.length - shownCallees.length + node.out;
    var rows = Math.max(1, shownCallers.length + (extraLeft ? 1 : 0), shownCallees.length + (extraRight ? 1 : 0));
    var height = rows * (BOX + GAP) + 30;
    var leftX = 10;
    var midX = leftX + COL + 80;
    var rightX = midX + COL + 80;
    var W = rightX + COL + 10;
    var focusY = 24 + ((rows - 1) * (BOX + GAP)) / 2;
    var root = svg('svg', {
      'class': 'graph-diagram', viewBox: '0 0 ' + W + ' ' + height, width: W, height: height, role: 'group',
      'aria-label': 'Callers of ' + flat(compact(node.id)) + ' on the left, callees on the right'
    });
    root.appendChild(svg('text', { x: leftX, y: 14, 'class': 'column-title' }, ['callers']));
    root.appendChild(svg('text', { x: rightX, y: 14, 'class': 'column-title' }, ['callees']));
    shownCallers.forEach(function (c, k) {
      var y = 24 + k * (BOX + GAP);
      root.appendChild(svg('line', {
        x1: leftX + COL, y1: y + BOX / 2, x2: midX - 2, y2: focusY + BOX / 2, 'class': 'edge',
        'marker-end': 'url(#kreply-arrow)'
      }));
      root.appendChild(graphNode(c[0], leftX, y, COL, BOX, 'calls it via ' + c[1].join(', ')));
    });
    shownCallees.forEach(function (c, k) {
      var y = 24 + k * (BOX + GAP);
      root.appendChild(svg('line', {
        x1: midX + COL, y1: focusY + BOX / 2, x2: rightX - 2, y2: y + BOX / 2, 'class': 'edge',
        'marker-end': 'url(#kreply-arrow)'
      }));
      root.appendChild(graphNode(c[0], rightX, y, COL, BOX, 'called via ' + c[1].join(', ')));
    });
    if (extraLeft) {
      root.appendChild(svg('text', { x: leftX, y: 24 + shownCallers.length * (BOX + GAP) + 20, 'class': 'more' },
        ['+ ' + extraLeft + ' more not shown']));
    }
    if (extraRight) {
      root.appendChild(svg('text', { x: rightX, y: 24 + shownCallees.length * (BOX + GAP) + 20, 'class': 'more' },
        ['+ ' + extraRight + ' more not shown']));
    }
    root.appendChild(graphNode(focus, midX, focusY, COL, BOX, where(node.file, node.line), true));
    return el('div', { 'class': 'diagram-scroll' }, [root]);
  }

  function graphNode(i, x, y, w, h, sub, isFocus) {
    var node = data.nodes[i];
    var children = [
      svg('title', null, [node.id + ' (' + sub + ')']),
      svg('rect', { x: x, y: y, width: w, height: h, rx: 6 }),
      svg('text', { x: x + 10, y: y + 18, 'class': 'node-name' }, [clip(compact(node.id), 38)]),
      svg('text', { x: x + 10, y: y + 35, 'class': 'node-loc' }, [clip(sub, 42)])
    ];
    if (isFocus) {
      return svg('g', { 'class': 'node focus' }, children);
    }
    return svg('a', {
      href: '#callgraph', 'class': 'node' + (node.w ? ' witness' : ''), 'data-node': i,
      'aria-label': flat(compact(node.id)) + ', ' + flat(sub) + '; show its neighbourhood'
    }, children);
  }
})();

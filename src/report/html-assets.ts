// The HTML report's style and script, inline so that the file needs nothing else.

export const HTML_STYLE = `
:root{--err:#b3261e;--err-bg:#fde7e6;--warn:#8a5a00;--warn-bg:#fff4d6;--info:#1d5fa8;--info-bg:#e6f0fb;--line:#d0d4da;--ink:#1f2328;--muted:#57606a}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--ink);background:#fff}
header{padding:.8rem 1.2rem;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline}
h1{font-size:1.3rem;margin:0}h2{font-size:1.15rem;margin:1rem 1.2rem .3rem;word-break:break-all}h3{font-size:1rem;margin:.6rem 0 .3rem}
.counts{margin:0;color:var(--muted)}
main{padding:0 0 2rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem;padding:0 1.2rem}.chart{margin:0;flex:1 1 22rem;max-width:40rem}
.chart figcaption{font-weight:600;font-size:.9rem}.chart text{font-size:12px;fill:var(--ink)}
.bar-error{fill:var(--err)}.bar-warning{fill:#d39b22}.bar-info{fill:var(--info)}
.causes{margin:.5rem 1.2rem;padding:.5rem .8rem;border:2px solid #7b3fa0;border-radius:6px;background:#f6effa}
.causes ul{margin:0;padding-left:1.2rem}
button{font:inherit;color:inherit;text-align:left;background:none;border:0;padding:.3rem .4rem;cursor:pointer;width:100%}
button:focus-visible,[tabindex]:focus-visible,select:focus-visible,input:focus-visible{outline:3px solid #0a58ca;outline-offset:1px}
.layout{display:flex;flex-wrap:wrap;align-items:flex-start;gap:1rem;padding:0 1.2rem}
.panel{flex:1 1 22rem;max-width:34rem;position:sticky;top:0;max-height:100vh;overflow:auto;border:1px solid var(--line);border-radius:6px;padding:.3rem .6rem}
.doc{flex:3 1 36rem;min-width:0}
.filters{border:0;padding:0;margin:0 0 .4rem;display:flex;flex-wrap:wrap;gap:.3rem .8rem}
.filters legend{font-weight:600;font-size:.9rem}
.list{list-style:none;margin:0;padding:0}.list li{border-left:4px solid var(--line);margin:.25rem 0;border-radius:3px}
.list li.sev-error{border-color:var(--err)}.list li.sev-warning{border-color:#d39b22}.list li.sev-info{border-color:var(--info)}
.list li[hidden]{display:none}
.list .sev{font-weight:600}.list .where,.list .rule{color:var(--muted);font-size:.85em}.list .msg{display:block}.list .num{display:block;font-size:.9em}
.list li.current{background:#eef3fb}
.tbl,.txt{margin:1rem 0 1.5rem}.meta{margin:0;color:var(--muted);font-size:.85em;word-break:break-all}.title{margin:.2rem 0;font-weight:600}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.15rem .4rem;vertical-align:top;white-space:nowrap}
th{background:#f3f4f6;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.sev-error:not(li){background:var(--err-bg);box-shadow:inset 0 0 0 2px var(--err)}
.sev-warning:not(li){background:var(--warn-bg);box-shadow:inset 0 0 0 2px #d39b22}
.sev-info:not(li){background:var(--info-bg)}
.outline{outline:3px solid #0a58ca!important;outline-offset:-1px}
.input{outline:2px dashed #0a58ca!important;outline-offset:-2px}
.cause-cell{outline:3px solid #7b3fa0!important;outline-offset:-1px}
.lines{font-size:.92rem;padding-left:3.5rem;margin:0}.lines li{white-space:pre-wrap;word-break:break-all;min-height:1.2em}
.lines li::marker{color:var(--muted);font-size:.8em}
mark{background:none;text-decoration:underline 2px;text-underline-offset:3px;padding:0 1px}
mark.sev-error{text-decoration-color:var(--err)}mark.sev-warning{text-decoration-color:#d39b22}mark.sev-info{text-decoration-color:var(--info)}
[data-tip]{position:relative}
[data-tip]:focus::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:5;white-space:pre-wrap;width:max-content;max-width:28rem;background:#1f2328;color:#fff;padding:.4rem .5rem;border-radius:4px;font-size:.85rem;text-align:left}
.fatal{color:var(--err);margin:.2rem 1.2rem}
td.n[data-tip]:focus::after{left:auto;right:0}
@media (max-width:60rem){.panel{position:static;max-height:none;max-width:none}}
`;

// Plain ES5-level script over the data element: filters, clicks, and the disclosure selector.
export const HTML_SCRIPT = `
(function(){
  var data = JSON.parse(document.getElementById('data').textContent);
  function clear(){
    var marked = document.querySelectorAll('.outline,.input,.cause-cell');
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove('outline','input','cause-cell');
    var cur = document.querySelectorAll('.list li.current');
    for (var j = 0; j < cur.length; j++) cur[j].classList.remove('current');
  }
  function mark(id, cls){ var el = id && document.getElementById(id); if (el) el.classList.add(cls); return el; }
  function show(d, f){
    var item = data[d].findings[f];
    clear();
    for (var i = 0; i < item.inputs.length; i++) mark(item.inputs[i], 'input');
    var el = mark(item.cell, 'outline');
    var btn = document.querySelector('button.finding[data-d="'+d+'"][data-f="'+f+'"]');
    if (btn) btn.parentNode.classList.add('current');
    if (el) { el.scrollIntoView({block:'center', inline:'nearest'}); if (el.tabIndex >= 0) el.focus({preventScroll:true}); }
  }
  function cause(d, c){
    var item = data[d].causes[c];
    clear();
    var first;
    for (var i = 0; i < item.cells.length; i++) first = first || mark(item.cells[i], 'cause-cell');
    for (var j = 0; j < item.alternatives.length; j++) mark(item.alternatives[j], 'cause-cell');
    if (first) first.scrollIntoView({block:'center', inline:'nearest'});
  }
  document.addEventListener('click', function(e){
    var b = e.target.closest && e.target.closest('button.finding,button.cause');
    if (!b) return;
    if (b.classList.contains('finding')) show(+b.getAttribute('data-d'), +b.getAttribute('data-f'));
    else cause(+b.getAttribute('data-d'), +b.getAttribute('data-cause'));
  });
  function filter(section){
    var sev = {}, boxes = section.querySelectorAll('input[data-sev]');
    for (var i = 0; i < boxes.length; i++) sev[boxes[i].getAttribute('data-sev')] = boxes[i].checked;
    var rule = section.querySelector('select[data-filter="rule"]'), table = section.querySelector('select[data-filter="table"]');
    var items = section.querySelectorAll('.list li');
    for (var j = 0; j < items.length; j++) {
      var li = items[j];
      li.hidden = !(sev[li.getAttribute('data-sev')] && (!rule.value || li.getAttribute('data-rule') === rule.value) && (!table.value || li.getAttribute('data-table') === table.value));
    }
  }
  document.addEventListener('change', function(e){
    var t = e.target;
    if (t.id === 'disclosure') {
      var all = document.querySelectorAll('section.disclosure');
      for (var i = 0; i < all.length; i++) all[i].hidden = all[i].getAttribute('data-index') !== t.value;
      clear();
      return;
    }
    var section = t.closest && t.closest('section.disclosure');
    if (section && (t.matches('input[data-sev]') || t.matches('select[data-filter]'))) filter(section);
  });
})();
`;

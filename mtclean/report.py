"""A review report: one self-contained HTML page for an editor to check a batch of cleaned articles.

The input is JSONL: plain articles (a ``text`` field, or another with ``field=``), which are cleaned
here, or the output of ``mtclean clean --jsonl`` (records with an ``mtclean`` object holding the
``fixes`` and ``findings``), which is shown as it was cleaned, without cleaning again.

The page has no external assets and makes no request (its Content-Security-Policy forbids any):
inline CSS and a little vanilla JavaScript.  It shows counts by kind and by rule, the entities most
often repaired, and every article with its word-level inline diff (the reason of each change on
hover), its fixes and its findings.  Checkboxes by kind and a select by rule filter the articles and
dim the changes that do not match; the filter state is kept in the address's fragment
(``report.html#kind=name,artifact&rule=name.fuzzy&unchanged=1``) so a filtered view can be shared.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .diff import to_html
from .edits import apply
from .model import KINDS, Finding, Fix
from .result import Result

if TYPE_CHECKING:
    from .cleaner import Cleaner

__all__ = ["Article", "ReportError", "build_report", "load_articles", "render_report"]


class ReportError(ValueError):
    """A malformed input record (the message names the line)."""


@dataclass(frozen=True)
class Article:
    """One reviewed text: a label for the editor, its result and its entities (plain dicts)."""

    label: str
    result: Result
    entities: tuple[dict[str, Any], ...] = field(default=())
    recleaned: bool = True


_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "start": (int,),
    "end": (int,),
    "original": (str,),
    "replacement": (str, type(None)),
    "kind": (str,),
    "rule": (str,),
    "confidence": (int, float),
    "reason": (str,),
    "entity": (str, type(None)),
}


def _record_fixes(raw: Any, cls: type, where: str) -> list[Any]:
    if not isinstance(raw, list):
        raise ReportError(f"{where}: expected a list")
    out = []
    for d in raw:
        if not isinstance(d, dict):
            raise ReportError(f"{where}: expected objects")
        args = {k: d[k] for k in _FIELD_TYPES if k in d}
        bad = [k for k, v in args.items() if isinstance(v, bool) or not isinstance(v, _FIELD_TYPES[k])]
        if cls is Fix and args.get("replacement", "") is None:
            bad.append("replacement")
        if bad:
            raise ReportError(f"{where}: bad value for {bad[0]!r}")
        try:
            out.append(cls(**args))
        except (TypeError, ValueError) as exc:
            raise ReportError(f"{where}: {exc}") from None
    return out


def _from_record(rec: dict[str, Any], text: str, where: str) -> tuple[Result, tuple[dict[str, Any], ...]]:
    meta = rec["mtclean"]
    if not isinstance(meta, dict):
        raise ReportError(f"{where}: 'mtclean' must be an object")
    fixes: list[Fix] = _record_fixes(meta.get("fixes", []), Fix, f"{where}: mtclean.fixes")
    findings: list[Finding] = _record_fixes(meta.get("findings", []), Finding, f"{where}: mtclean.findings")
    changes: list[Fix | Finding] = [*fixes, *findings]
    for f in changes:
        if text[f.start : f.end] != f.original:
            raise ReportError(f"{where}: a change at ({f.start}, {f.end}) does not match the text")
    try:
        cleaned = apply(text, fixes)
    except ValueError as exc:
        raise ReportError(f"{where}: {exc}") from None
    ents = meta.get("entities", [])
    if not isinstance(ents, list) or not all(isinstance(e, dict) for e in ents):
        raise ReportError(f"{where}: mtclean.entities must be a list of objects")
    fixes.sort(key=lambda f: (f.start, f.end))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return Result(text, cleaned, tuple(fixes), tuple(findings)), tuple(ents)


def _label(rec: dict[str, Any], line_no: int) -> str:
    for key in ("id", "title", "url"):
        v = rec.get(key)
        if isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip():
            return f"{v} (line {line_no})"
    return f"line {line_no}"


def load_articles(
    lines: Iterable[str | bytes],
    field: str = "text",
    cleaner: Cleaner | Callable[[], Cleaner] | None = None,
    *,
    name: str = "<input>",
    errors: str = "strict",
) -> list[Article]:
    """Read JSONL records into articles; records without an ``mtclean`` object are cleaned.

    ``cleaner`` is a `Cleaner`, a function making one (called only if some record needs cleaning),
    or None for the default cleaner.  Raises `ReportError` on a malformed record.
    """
    from .cleaner import Cleaner as _Cleaner

    made: list[_Cleaner] = []

    def get() -> _Cleaner:
        if not made:
            if cleaner is None:
                from . import default_cleaner

                made.append(default_cleaner())
            elif isinstance(cleaner, _Cleaner):
                made.append(cleaner)
            else:
                made.append(cleaner())
        return made[0]

    out: list[Article] = []
    for line_no, raw in enumerate(lines, 1):
        where = f"{name}, line {line_no}"
        try:
            line = raw.decode("utf-8", errors=errors) if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            raise ReportError(f"{where}: not UTF-8 text (byte {exc.start})") from None
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReportError(f"{where}: invalid JSON: {exc.msg}") from None
        if not isinstance(rec, dict) or not isinstance(rec.get(field), str):
            raise ReportError(f"{where}: no text field {field!r}")
        text = rec[field]
        if "mtclean" in rec:
            result, ents = _from_record(rec, text, where)
            cleaned = rec.get(field + "_cleaned")
            if isinstance(cleaned, str) and cleaned != result.text:
                raise ReportError(f"{where}: {field}_cleaned is not the text with the listed fixes applied")
            out.append(Article(_label(rec, line_no), result, ents, recleaned=False))
        else:
            result = get().clean(text)
            out.append(Article(_label(rec, line_no), result, tuple(e.to_dict() for e in result.entities)))
    return out


# --------------------------------------------------------------------------------------------- page

_CSS = """
:root { --fg: #1d2330; --muted: #5d6675; --line: #d9dde4; --del: #fde2e1; --del-fg: #8f1d18;
        --ins: #dff3e4; --ins-fg: #145c2c; --flag: #fff4cc; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
       margin: 0; background: #f6f7f9; }
header, #controls, #overview, main { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header h1 { margin: 18px 0 4px; font-size: 24px; }
.summary { color: var(--muted); margin: 0 0 12px; }
#controls { position: sticky; top: 0; background: #f6f7f9ee; padding-top: 8px; padding-bottom: 8px;
            border-bottom: 1px solid var(--line); z-index: 2; display: flex; flex-wrap: wrap; gap: 8px 18px;
            align-items: center; }
#controls fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: 4px 12px; flex-wrap: wrap; }
#controls legend { float: left; font-weight: 600; margin-right: 8px; }
#shown { color: var(--muted); margin-left: auto; }
#overview { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; margin-top: 16px; }
#overview section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
#overview h2 { font-size: 16px; margin: 4px 0 8px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
main { margin-top: 16px; padding-bottom: 40px; }
article { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 14px; padding: 10px 14px; }
article h3 { font-size: 15px; margin: 0 0 6px; display: flex; gap: 10px; align-items: baseline; }
article h3 .meta { color: var(--muted); font-weight: 400; font-size: 13px; }
.mtclean-diff { font-family: Georgia, "Times New Roman", serif; font-size: 16px; line-height: 1.6; }
del { background: var(--del); color: var(--del-fg); text-decoration: line-through; cursor: help; }
ins { background: var(--ins); color: var(--ins-fg); text-decoration: none; cursor: help; }
del + ins { margin-left: 2px; }
.dim del, del.dim, .dim ins, ins.dim { background: transparent; color: var(--muted); }
.changes { margin: 8px 0 0; padding-left: 20px; font-size: 14px; }
.changes li.dim { opacity: .45; }
.changes li.finding { background: var(--flag); }
.rule { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
.conf { color: var(--muted); font-variant-numeric: tabular-nums; }
.ents { margin-top: 6px; font-size: 13px; color: var(--muted); }
.ent { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 7px; margin: 2px 2px 0 0; }
.ent.fixed { border-color: var(--ins-fg); color: var(--ins-fg); }
.hidden { display: none; }
.empty { color: var(--muted); }
"""

_JS = r"""
(function () {
  "use strict";
  var root = document.documentElement;
  window.addEventListener("error", function (e) { root.setAttribute("data-js-error", String(e.message)); });
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("input.f-kind"));
  var ruleSelect = document.getElementById("f-rule");
  var unchangedBox = document.getElementById("f-unchanged");
  var shown = document.getElementById("shown");
  var articles = Array.prototype.slice.call(document.querySelectorAll("article.doc"));

  function words(el, name) {
    var v = el.getAttribute(name);
    return v ? v.split(" ") : [];
  }
  function selectedKinds() {
    var out = {};
    kindBoxes.forEach(function (b) { if (b.checked) { out[b.value] = true; } });
    return out;
  }
  function matches(el, kinds, rule) {
    var ks = words(el, "data-kind"), rs = words(el, "data-rule"), i, okKind = false;
    for (i = 0; i < ks.length; i++) { if (kinds[ks[i]]) { okKind = true; } }
    return okKind && (rule === "" || rs.indexOf(rule) >= 0);
  }
  function apply() {
    var kinds = selectedKinds(), rule = ruleSelect.value, visible = 0;
    articles.forEach(function (a) {
      var changes = a.querySelectorAll("[data-kind]"), any = false, i;
      for (i = 0; i < changes.length; i++) {
        var ok = matches(changes[i], kinds, rule);
        changes[i].classList.toggle("dim", !ok);
        if (ok) { any = true; }
      }
      var show = changes.length ? any : unchangedBox.checked;
      a.classList.toggle("hidden", !show);
      if (show) { visible++; }
    });
    shown.textContent = visible + " of " + articles.length + " articles shown";
    root.setAttribute("data-shown", String(visible));
  }
  function saveState() {
    var ks = kindBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var parts = [];
    if (ks.length !== kindBoxes.length) { parts.push("kind=" + ks.join(",")); }
    if (ruleSelect.value) { parts.push("rule=" + encodeURIComponent(ruleSelect.value)); }
    if (unchangedBox.checked) { parts.push("unchanged=1"); }
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", parts.length ? "#" + parts.join("&") : window.location.pathname);
    }
  }
  function loadState() {
    var hash = window.location.hash.replace(/^#/, "");
    if (!hash) { return; }
    hash.split("&").forEach(function (part) {
      var eq = part.indexOf("="), key = eq < 0 ? part : part.slice(0, eq);
      var value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1));
      if (key === "kind") {
        var wanted = value.split(",");
        kindBoxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
      } else if (key === "rule") {
        for (var i = 0; i < ruleSelect.options.length; i++) {
          if (ruleSelect.options[i].value === value) { ruleSelect.value = value; }
        }
      } else if (key === "unchanged") {
        unchangedBox.checked = value === "1";
      }
    });
  }
  function onChange() { apply(); saveState(); }
  kindBoxes.forEach(function (b) { b.addEventListener("change", onChange); });
  ruleSelect.addEventListener("change", onChange);
  unchangedBox.addEventListener("change", onChange);
  document.getElementById("f-all").addEventListener("click", function () {
    kindBoxes.forEach(function (b) { b.checked = true; });
    ruleSelect.value = "";
    onChange();
  });
  loadState();
  apply();
  root.setAttribute("data-ready", "1");
})();
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _kind_order(k: str) -> tuple[int, str]:
    return (KINDS.index(k) if k in KINDS else len(KINDS), k)


def _change_item(f: Fix | Finding, is_fix: bool) -> str:
    cls = "change fix" if is_fix else "change finding"
    if f.replacement is None:
        what = f"<q>{_e(f.original)}</q>"
    elif f.replacement == "":
        what = f"<del>{_e(f.original)}</del> removed" if is_fix else f"<q>{_e(f.original)}</q> → (remove)"
    else:
        what = f"<q>{_e(f.original)}</q> → <q>{_e(f.replacement)}</q>"
    ent = f' <span class="rule">[{_e(f.entity)}]</span>' if f.entity else ""
    label = "" if is_fix else "<strong>finding</strong> "
    return (
        f'<li class="{cls}" data-kind="{_e(f.kind)}" data-rule="{_e(f.rule)}" title="{_e(f.reason)}">'
        f'{label}<span class="rule">{_e(f.rule)}</span> <span class="conf">{f.confidence:.2f}</span> '
        f"at {f.start}: {what}{ent} — {_e(f.reason)}</li>"
    )


def _article(i: int, a: Article) -> str:
    r = a.result
    changes: list[Fix | Finding] = [*r.fixes, *r.findings]
    kinds = sorted({f.kind for f in changes}, key=_kind_order)
    rules = sorted({f.rule for f in changes})
    meta = f"{len(r.fixes)} fix{'es' if len(r.fixes) != 1 else ''}, {len(r.findings)} finding"
    meta += "s" if len(r.findings) != 1 else ""
    if not a.recleaned:
        meta += " · as cleaned before"
    parts = [
        f'<article class="doc" id="a{i}" data-kinds="{_e(" ".join(kinds))}" data-rules="{_e(" ".join(rules))}"'
        f' data-fixes="{len(r.fixes)}" data-findings="{len(r.findings)}">',
        f'<h3><span class="label">{_e(a.label)}</span><span class="meta">{_e(meta)}</span></h3>',
        to_html(r),
    ]
    items = [_change_item(f, True) for f in r.fixes] + [_change_item(f, False) for f in r.findings]
    if items:
        parts.append('<ol class="changes">' + "".join(items) + "</ol>")
    if a.entities:
        chips = []
        for e in a.entities:
            cls = "ent fixed" if e.get("fixed") else "ent"
            tip = f"{e.get('entity', '')} ({e.get('type', '')}): {e.get('canonical', '')}"
            chips.append(f'<span class="{cls}" title="{_e(tip)}">{_e(e.get("text", e.get("original", "")))}</span>')
        parts.append('<div class="ents">Entities: ' + "".join(chips) + "</div>")
    parts.append("</article>")
    return "".join(parts)


def _table(head: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[bool], table_id: str) -> str:
    th = "".join(f"<th{' class=n' if n else ''}>{_e(h)}</th>" for h, n in zip(head, numeric))
    body = []
    for row in rows:
        tds = "".join(f"<td{' class=n' if n else ''}>{_e(c)}</td>" for c, n in zip(row, numeric))
        body.append(f"<tr>{tds}</tr>")
    if not body:
        body.append(f'<tr><td class="empty" colspan="{len(head)}">none</td></tr>')
    return f'<table id="{table_id}"><thead><tr>{th}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def render_report(articles: Sequence[Article], title: str = "mtclean review", *, top: int = 20) -> str:
    """The HTML page for ``articles`` (deterministic: the same input gives the same page)."""
    fix_kind: Counter[str] = Counter()
    find_kind: Counter[str] = Counter()
    fix_rule: Counter[str] = Counter()
    find_rule: Counter[str] = Counter()
    rule_kind: dict[str, str] = {}
    repaired: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    canonical: dict[str, str] = {}  # known when the articles carry their entities
    for a in articles:
        for f in a.result.fixes:
            fix_kind[f.kind] += 1
            fix_rule[f.rule] += 1
            rule_kind[f.rule] = f.kind
            if f.entity:
                repaired[f.entity] += 1
                forms.setdefault(f.entity, Counter())[f"{f.original} → {f.replacement}"] += 1
        for e in a.entities:
            if isinstance(e.get("entity"), str) and isinstance(e.get("canonical"), str):
                canonical.setdefault(e["entity"], e["canonical"])
        for g in a.result.findings:
            find_kind[g.kind] += 1
            find_rule[g.rule] += 1
            rule_kind.setdefault(g.rule, g.kind)
    kinds = sorted(set(fix_kind) | set(find_kind), key=_kind_order)
    rules = sorted(rule_kind, key=lambda r: (_kind_order(rule_kind[r]), r))
    n_fixes, n_findings = sum(fix_kind.values()), sum(find_kind.values())
    n_changed = sum(1 for a in articles if a.result.fixes)

    by_kind = _table(
        ("kind", "fixes", "findings"),
        ((k, fix_kind[k], find_kind[k]) for k in kinds),
        (False, True, True),
        "by-kind",
    )
    by_rule = _table(
        ("rule", "kind", "fixes", "findings"),
        ((r, rule_kind[r], fix_rule[r], find_rule[r]) for r in rules),
        (False, False, True, True),
        "by-rule",
    )
    top_rows = []
    for ent, n in sorted(repaired.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
        shown = sorted(forms[ent].items(), key=lambda kv: (-kv[1], kv[0]))
        listed = "; ".join(f"{form} ×{c}" if c > 1 else form for form, c in shown[:5])
        top_rows.append((ent, canonical.get(ent, ""), n, listed))
    top_table = _table(
        ("entity", "canonical", "repairs", "forms"), top_rows, (False, False, True, False), "top-entities"
    )

    boxes = "".join(
        f'<label><input type="checkbox" class="f-kind" value="{_e(k)}" checked> {_e(k)}'
        f' <span class="conf">({fix_kind[k] + find_kind[k]})</span></label>'
        for k in kinds
    )
    options = '<option value="">all rules</option>' + "".join(
        f'<option value="{_e(r)}">{_e(r)} ({fix_rule[r] + find_rule[r]})</option>' for r in rules
    )
    summary = (
        f"{len(articles)} article{'s' if len(articles) != 1 else ''} · {n_changed} changed · "
        f"{n_fixes} fix{'es' if n_fixes != 1 else ''} applied · {n_findings} finding{'s' if n_findings != 1 else ''}"
    )
    body = "".join(_article(i, a) for i, a in enumerate(articles, 1))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{_e(title)}</h1><p class="summary" id="summary">{_e(summary)}</p></header>'
        '<form id="controls" onsubmit="return false">'
        f"<fieldset><legend>Kinds</legend>{boxes or '<span class=empty>no changes</span>'}</fieldset>"
        f'<label>Rule <select id="f-rule">{options}</select></label>'
        '<label><input type="checkbox" id="f-unchanged"> articles without changes</label>'
        '<button type="button" id="f-all">reset</button>'
        '<span id="shown"></span></form>'
        '<div id="overview">'
        f"<section><h2>By kind</h2>{by_kind}</section>"
        f"<section><h2>By rule</h2>{by_rule}</section>"
        f"<section><h2>Entities most often repaired</h2>{top_table}</section>"
        "</div>"
        f'<main id="articles">{body}</main>'
        f"<script>{_JS}</script></body></html>\n"
    )


def build_report(
    lines: Iterable[str | bytes],
    field: str = "text",
    cleaner: Cleaner | Callable[[], Cleaner] | None = None,
    *,
    title: str = "mtclean review",
    name: str = "<input>",
) -> str:
    """`load_articles` then `render_report`: JSONL lines in, the HTML page out."""
    return render_report(load_articles(lines, field, cleaner, name=name), title)

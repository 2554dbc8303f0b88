"""The review report: content checked by parsing the HTML page."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtclean import Cleaner, Entry, Gazetteer
from mtclean.cli import main
from mtclean.report import Article, ReportError, build_report, load_articles, render_report

GAZ = Gazetteer(
    [
        Entry("per.kofi-annan", "PER", "Kofi Annan", mangled=("Cofi Anan", "Kofi Anan"), country=("GH",)),
        Entry("per.angela-merkel", "PER", "Angela Merkel", aliases=("Merkel",), mangled=("Angela Merkl",)),
        Entry("loc.ghana", "LOC", "Ghana", demonyms=("Ghanaian",), country=("GH",)),
        Entry("org.united-nations", "ORG", "United Nations"),
    ],
    name="report-test",
)

ARTICLES = [
    {"id": "n1", "text": "Angela Merkl met Cofi Anan at the United Nations."},
    {"id": "n2", "text": "Markets were calm on Monday."},
    {"id": "n3", "text": "Kofi Anan said the the vote in Ghana was fair. <script>alert('x')</script>"},
    {"text": "Officials said Cofi Anan would return."},
]


class Page(HTMLParser):
    """A tiny DOM: every element as (tag, attrs, text inside it), plus ids and the script count."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self._open: list[tuple[str, dict[str, str], list[str]]] = []
        self.feed(source)
        self.close()

    VOID = {"meta", "input", "br", "img", "link", "hr"}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = (tag, {k: v or "" for k, v in attrs}, [])
        self.elements.append(el)
        if tag not in self.VOID:
            self._open.append(el)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        for el in self._open:
            el[2].append(data)

    def find(self, tag: str | None = None, **attrs: str) -> list[tuple[str, dict[str, str], str]]:
        out = []
        for t, a, text in self.elements:
            if tag is not None and t != tag:
                continue
            if all(
                (a.get(k.rstrip("_")) or "") == v or (k == "class_" and v in a.get("class", "").split())
                for k, v in attrs.items()
            ):
                out.append((t, a, "".join(text)))
        return out

    def by_id(self, id_: str) -> tuple[str, dict[str, str], str]:
        (el,) = self.find(id=id_)
        return el

    def table(self, id_: str) -> list[list[str]]:
        """The body rows of the table with this id, as lists of cell texts."""
        rows: list[list[str]] = []
        inside = False
        depth_tag = None
        for t, a, text in self.elements:
            if t == "table":
                inside = a.get("id") == id_
                depth_tag = None
                continue
            if not inside:
                continue
            if t == "tbody":
                depth_tag = "tbody"
            elif t == "tr" and depth_tag == "tbody":
                rows.append([])
            elif t == "td" and depth_tag == "tbody" and rows:
                rows[-1].append("".join(text))
        return rows


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(GAZ, defaults=False)


def jsonl(records: list[dict]) -> list[str]:
    return [json.dumps(r, ensure_ascii=False) + "\n" for r in records]


@pytest.fixture(scope="module")
def page(cleaner: Cleaner) -> Page:
    return Page(build_report(jsonl(ARTICLES), cleaner=cleaner))


def test_summary_and_counts(page: Page) -> None:
    summary = page.by_id("summary")[2]
    assert summary.startswith("4 articles · 3 changed · 5 fixes applied · 0 findings")
    assert page.table("by-kind") == [["name", "4", "0"], ["artifact", "1", "0"]]
    assert page.table("by-rule") == [
        ["name.mangled", "name", "4", "0"],
        ["artifact.doubled-word", "artifact", "1", "0"],
    ]


def test_entities_most_often_repaired(page: Page) -> None:
    rows = page.table("top-entities")
    assert rows[0][:3] == ["per.kofi-annan", "Kofi Annan", "3"]
    assert "Cofi Anan → Kofi Annan ×2" in rows[0][3] and "Kofi Anan → Kofi Annan" in rows[0][3]
    assert rows[1][:3] == ["per.angela-merkel", "Angela Merkel", "1"]
    assert len(rows) == 2


def test_every_article_with_its_diff_and_reasons(page: Page) -> None:
    arts = page.find("article", class_="doc")
    assert len(arts) == 4
    labels = [t for _, _, t in page.find("span", class_="label")]
    assert labels == ["n1 (line 1)", "n2 (line 2)", "n3 (line 3)", "line 4"]
    first = arts[0][1]
    assert first["data-kinds"] == "name" and first["data-rules"] == "name.mangled"
    assert arts[1][1]["data-kinds"] == "" and arts[1][1]["data-fixes"] == "0"
    assert arts[2][1]["data-kinds"] == "name artifact"
    dels = page.find("del", **{"data-rule": "name.mangled"})
    ins = page.find("ins", **{"data-rule": "name.mangled"})
    assert [t for _, _, t in dels][:2] == ["Angela Merkl", "Cofi Anan"]
    assert [t for _, _, t in ins][:2] == ["Angela Merkel", "Kofi Annan"]
    for _, attrs, _ in dels + ins:
        assert attrs["title"].startswith("name.mangled: ") and "known mangled form" in attrs["title"]
    (doubled,) = page.find("ins", **{"data-kind": "artifact"})
    assert doubled[2] == "the" and "doubled word" in doubled[1]["title"]
    items = page.find("li", class_="fix")
    assert len(items) == 5 and all(a["title"] for _, a, _ in items)


def test_entities_listed_per_article(page: Page) -> None:
    chips = page.find("span", class_="ent")
    assert [t for _, _, t in chips][:3] == ["Angela Merkel", "Kofi Annan", "United Nations"]
    fixed = [t for _, a, t in chips if "fixed" in a["class"].split()]
    assert fixed[:2] == ["Angela Merkel", "Kofi Annan"]


def test_filters_list_the_kinds_and_rules_present(page: Page) -> None:
    boxes = page.find("input", class_="f-kind")
    assert [a["value"] for _, a, _ in boxes] == ["name", "artifact"]
    assert all("checked" in a for _, a, _ in boxes)
    options = [a["value"] for _, a, _ in page.find("option")]
    assert options == ["", "name.mangled", "artifact.doubled-word"]
    assert page.find("input", id="f-unchanged")


def test_self_contained_and_escaped(page: Page, cleaner: Cleaner) -> None:
    source = build_report(jsonl(ARTICLES), cleaner=cleaner)
    assert len(page.find("script")) == 1  # only ours: the article's <script> is text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in source
    assert not page.find("link") and not page.find("img") and not page.find("iframe")
    for _, attrs, _ in page.elements:
        assert "src" not in attrs
        assert not attrs.get("href", "").startswith(("http:", "https:", "//"))
    assert "http://" not in source and "https://" not in source
    (csp,) = page.find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert "default-src 'none'" in csp[1]["content"]


def test_deterministic(cleaner: Cleaner) -> None:
    assert build_report(jsonl(ARTICLES), cleaner=cleaner) == build_report(jsonl(ARTICLES), cleaner=cleaner)


def clean_jsonl_records(cleaner: Cleaner, records: list[dict]) -> list[dict]:
    """What ``mtclean clean --jsonl`` writes, built with the same code path (the CLI)."""
    out = []
    for rec in records:
        r = cleaner.clean(rec["text"])
        rec = dict(rec, text_cleaned=r.text)
        rec["mtclean"] = {"fixes": [f.to_dict() for f in r.fixes], "findings": [f.to_dict() for f in r.findings]}
        out.append(rec)
    return out


def test_cleaned_records_are_shown_as_cleaned_without_cleaning_again(cleaner: Cleaner) -> None:
    recs = clean_jsonl_records(cleaner, ARTICLES)
    # A finding of our own on the second article: listed, with its reason, filterable.
    recs[1]["mtclean"]["findings"].append(
        {
            "start": 21,
            "end": 27,
            "original": "Monday",
            "replacement": None,
            "kind": "term",
            "rule": "term.test-flag",
            "confidence": 0.5,
            "reason": "a test finding",
            "entity": None,
        }
    )

    def no_cleaning():
        raise AssertionError("records with an 'mtclean' object must not be cleaned again")

    arts = load_articles(jsonl(recs), cleaner=no_cleaning)
    assert [a.recleaned for a in arts] == [False] * 4
    assert arts[0].result.text == "Angela Merkel met Kofi Annan at the United Nations."
    p = Page(render_report(arts))
    assert p.by_id("summary")[2].endswith("1 finding")
    (finding,) = p.find("li", class_="finding")
    assert finding[1]["data-rule"] == "term.test-flag" and finding[1]["title"] == "a test finding"
    assert "Monday" in finding[2]
    assert ["term", "0", "1"] in p.table("by-kind")
    # Without the entities in the records, the canonical form is not known; the repairs are counted.
    assert p.table("top-entities")[0][:3] == ["per.kofi-annan", "", "3"]
    # The diffs are the same as when the report cleans the articles itself.
    fresh = Page(build_report(jsonl(ARTICLES), cleaner=cleaner))
    assert p.find("del") == fresh.find("del") and p.find("ins") == fresh.find("ins")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "invalid JSON"),
        ('["a list"]', "no text field"),
        ('{"body": "x"}', "no text field"),
        ('{"text": "abc", "mtclean": {"fixes": [{"start": 0}]}}', "mtclean.fixes"),
        ('{"text": "abc", "mtclean": {"fixes": "nope"}}', "expected a list"),
        (
            '{"text": "abc", "mtclean": {"fixes": [{"start": 0, "end": 1, "original": "x", "replacement": "y",'
            ' "kind": "name", "rule": "r", "confidence": 1, "reason": "", "entity": null}]}}',
            "does not match",
        ),
        (
            '{"text": "abc", "mtclean": {"fixes": [{"start": "0", "end": 1, "original": "a", "replacement": "y",'
            ' "kind": "name", "rule": "r", "confidence": 1, "reason": "", "entity": null}]}}',
            "bad value for 'start'",
        ),
        ('{"text": "abc", "text_cleaned": "abd", "mtclean": {"fixes": []}}', "not the text with the listed fixes"),
    ],
)
def test_malformed_records_name_the_line(line: str, message: str, cleaner: Cleaner) -> None:
    with pytest.raises(ReportError, match=message) as info:
        load_articles(["\n", line + "\n"], cleaner=cleaner, name="in.jsonl")
    assert "in.jsonl, line 2" in str(info.value)


def test_empty_batch_renders(cleaner: Cleaner) -> None:
    p = Page(render_report([]))
    assert p.by_id("summary")[2].startswith("0 articles")
    assert p.table("by-kind") == [["none"]]
    assert not p.find("article")


def test_field_option(cleaner: Cleaner) -> None:
    arts = load_articles(jsonl([{"body": "Cofi Anan spoke."}]), field="body", cleaner=cleaner)
    assert isinstance(arts[0], Article) and arts[0].result.text == "Kofi Annan spoke."
    assert arts[0].entities[0]["entity"] == "per.kofi-annan"


# --------------------------------------------------------------------------------------- CLI


@pytest.fixture()
def gazetteer_file(tmp_path: Path) -> Path:
    p = tmp_path / "gaz.tsv"
    p.write_text(
        "id\ttype\tcanonical\taliases\tmangled\n"
        "per.kofi-annan\tPER\tKofi Annan\t\tCofi Anan\n"
        "per.angela-merkel\tPER\tAngela Merkel\tMerkel\tAngela Merkl\n",
        encoding="utf-8",
    )
    return p


def test_cli_writes_the_page(tmp_path: Path, gazetteer_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(jsonl(ARTICLES)), encoding="utf-8")
    out = tmp_path / "report.html"
    code = main(["report", str(src), "-o", str(out), "--no-defaults", "--gazetteer", str(gazetteer_file)])
    assert code == 0
    p = Page(out.read_text(encoding="utf-8"))
    assert len(p.find("article")) == 4
    assert p.table("top-entities")[0][:3] == ["per.kofi-annan", "Kofi Annan", "2"]
    assert "4 articles" in capsys.readouterr().err
    # To standard output without -o, with a title.
    assert main(["report", str(src), "--title", "Batch <7>", "--no-defaults", "--gazetteer", str(gazetteer_file)]) == 0
    html = capsys.readouterr().out
    assert "<title>Batch &lt;7&gt;</title>" in html and html.startswith("<!DOCTYPE html>")


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "missing.jsonl"), "--no-defaults"]) == 3
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{oops\n', encoding="utf-8")
    assert main(["report", str(bad), "--no-defaults"]) == 5
    assert "line 2: invalid JSON" in capsys.readouterr().err
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"text": "caf\xe9"}\n')
    assert main(["report", str(latin), "--no-defaults"]) == 4
    out = tmp_path / "out.html"
    assert main(["report", str(latin), "--no-defaults", "--errors", "replace", "-o", str(out)]) == 0
    assert "caf\ufffd" in out.read_text(encoding="utf-8")


_PLAIN = Cleaner(defaults=False)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=4))
def test_any_text_gives_a_well_formed_page(texts: list[str]) -> None:
    page = build_report(jsonl([{"text": t} for t in texts]), cleaner=_PLAIN)
    p = Page(page)
    assert len(p.find("article")) == len(texts)
    assert len(p.find("script")) == 1
    # Each diff, without its insertions and tags, is the article's original text.
    diffs = re.findall(r'<div class="mtclean-diff"[^>]*>(.*?)</div>', page, flags=re.S)
    assert len(diffs) == len(texts)
    for text, diff in zip(texts, diffs):
        assert html.unescape(re.sub(r"<[^>]*>", "", re.sub(r"<ins [^>]*>.*?</ins>", "", diff, flags=re.S))) == text

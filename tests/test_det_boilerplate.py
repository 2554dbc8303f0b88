"""Boilerplate lines at the start or end of a text; data file format and user extensions."""

from __future__ import annotations

import time

import pytest

from mtclean import Cleaner
from mtclean.detectors.boilerplate import DataFileError, embedded_patterns, parse_patterns

RULES = ["boilerplate.line"]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(enable=RULES)


def test_trailing_source_link_removed_with_line_break(cleaner):
    r = cleaner.clean("The ministry said the talks were useful.\nSource link")
    assert r.text == "The ministry said the talks were useful."
    (fix,) = r.fixes
    assert fix.original == "\nSource link" and fix.kind == "boilerplate" and fix.confidence >= 0.8


def test_trailing_block_of_several_lines_is_one_fix(cleaner):
    text = "Body of the article.\nSource\nPhoto credit www.example.com\n"
    r = cleaner.clean(text)
    assert r.text == "Body of the article.\n"
    assert [f.original for f in r.fixes] == ["\nSource\nPhoto credit www.example.com"]


def test_leading_block_removed_with_following_breaks(cleaner):
    text = "breaking “data-mce-href =” “> Latest news!\n\nThe president chaired the meeting."
    r = cleaner.clean(text)
    assert r.text == "The president chaired the meeting."


def test_both_ends(cleaner):
    text = "[ad_1]\nBy admin\nThe port reopened.\nIt was busy.\n[ad_2]\nShare this article\nFollow us on Telegram"
    assert cleaner.clean(text).text == "The port reopened.\nIt was busy."


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Ceasefire talks stall again",
        "Disclaimer: This news was translated automatically by an AI translator and may contain errors.",
        "Share on Facebook, Twitter and WhatsApp",
        "Click here to subscribe",
        "© 2025 Example News Agency",
        # News-agency end markers and footers as machine translation renders them.
        "(End)",
        "(END)",
        "（完）".replace("完", "End"),
        "(End of text)",
        "All rights reserved.",
        "[Responsible editor: Wang Lei]",
        "This article has been machine translated.",
        "(Translated by Google)",
        "[Machine translated by DeepL]",
    ],
)
def test_trailing_patterns(cleaner, line):
    assert cleaner.clean(f"The talks resumed.\n{line}").text == "The talks resumed."


@pytest.mark.parametrize(
    "text",
    [
        # Matching lines in the middle of the body stay.
        "The talks resumed.\nSource link\nBoth sides met again on Monday.",
        "The talks resumed.\n[ad_1]\nBoth sides met again on Monday.",
        # A sentence that merely starts like boilerplate stays.
        "The talks resumed.\nSource: a diplomat who asked not to be named said the deal was close.",
        "The talks resumed.\nRelated to this, the minister resigned.",
        "The talks resumed.\nCopyright law was also discussed.",
        "The talks resumed.\n(End)\nBoth sides met again on Monday.",
        "He called it the end (end) of an era.\nThe talks resumed.",
        "The talks resumed.\nAll rights reserved, the lawyer said, would be defended.",
        # Reuters-style credits are part of human-written news: only the Chinese calque goes.
        "The talks resumed.\nEditing by Mark Heinrich",
        # Start-only patterns are not removed at the end.
        "The talks resumed.\nLatest news!",
        # Nothing but boilerplate: leave it alone rather than empty the text.
        "Source link",
        "[ad_1]\n\n[ad_2]",
        "",
    ],
)
def test_left_alone(cleaner, text):
    r = cleaner.clean(text)
    assert r.text == text
    assert not r.fixes


def test_crlf_line_endings(cleaner):
    assert cleaner.clean("Body text.\r\nSource link\r\n").text == "Body text.\r\n"


def test_idempotent(cleaner):
    text = "By admin\nBody.\nMore body.\nSource\nRead more: x"
    once = cleaner.clean(text).text
    assert once == "Body.\nMore body."
    assert not cleaner.clean(once).fixes


def test_embedded_file_is_valid():
    pats = embedded_patterns()
    assert len(pats) >= 10
    assert {"source-link", "ad-slot", "read-more", "photo-credit", "markup-fragment"} <= {p.id for p in pats}


def test_user_file_extends_and_overrides(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text(
        "# my patterns\nid\tpattern\twhere\tdescription\n"
        "newsbot\tposted\\s{1,3}by\\s{1,3}newsbot\\s{0,3}\\d{0,4}\tboth\tour bot's signature\n"
        "source-link\tnever-matches-anything-xyz\tend\tdisable the embedded source-link row\n",
        encoding="utf-8",
    )
    c = Cleaner(enable=RULES, data={"boilerplate": f})
    assert c.clean("Posted by NewsBot 2024\nBody text.").text == "Body text."
    # The user row replaced the embedded one with the same id.
    assert c.clean("Body text.\nSource link").text == "Body text.\nSource link"


@pytest.mark.parametrize(
    "content,line,field",
    [
        ("id\tpattern\tdescription\nx\ty\tz\n", 1, "where"),
        ("id\tpattern\twhere\tdescription\nx\t(unclosed\tend\td\n", 2, "pattern"),
        ("id\tpattern\twhere\tdescription\nx\tabc\tmiddle\td\n", 2, "where"),
        ("id\tpattern\twhere\tdescription\nx\tabc\tend\td\nx\tdef\tend\td\n", 3, "id"),
        ("id\tpattern\twhere\tdescription\n\tabc\tend\td\n", 2, "id"),
        ("id\tpattern\twhere\tdescription\nBad Id\tabc\tend\td\n", 2, "id"),
        ("id\tpattern\twhere\tdescription\nx\t\tend\td\n", 2, "pattern"),
        ("id\tpattern\twhere\tdescription\nx\tabc\tend\td\textra\n", 2, None),
    ],
)
def test_malformed_files_name_file_line_and_field(tmp_path, content, line, field):
    f = tmp_path / "bad.tsv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        Cleaner(enable=RULES, data={"boilerplate": f})
    err = exc.value
    assert err.file == str(f) and err.line == line and err.field == field
    assert str(f) in str(err) and f"line {line}" in str(err)
    assert isinstance(err, ValueError)


def test_file_without_header(tmp_path):
    f = tmp_path / "empty.tsv"
    f.write_text("# only a comment\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="no header"):
        Cleaner(enable=RULES, data={"boilerplate": f})


def test_not_utf8(tmp_path):
    f = tmp_path / "latin1.tsv"
    f.write_bytes("id\tpattern\twhere\ndéjà\tx\tend\n".encode("latin-1"))
    with pytest.raises(DataFileError, match="UTF-8"):
        Cleaner(enable=RULES, data={"boilerplate": f})


def test_catastrophic_user_pattern_does_not_hang(tmp_path):
    f = tmp_path / "evil.tsv"
    f.write_text("id\tpattern\twhere\tdescription\nevil\t(a|aa)+$\tboth\tbacktracks\n", encoding="utf-8")
    c = Cleaner(enable=RULES, data={"boilerplate": f})
    text = "a" * 60 + "b\nBody text.\n" + "a" * 60 + "b"
    t = time.perf_counter()
    r = c.clean(text)
    assert time.perf_counter() - t < 2.0
    assert r.text == text


def test_parse_patterns_quoted_description():
    (p,) = parse_patterns('id\tpattern\twhere\tdescription\nx\tabc\tend\t"a description"\n', "mem")
    assert p.description == "a description" and p.where == "end"
    assert p.pattern.fullmatch("ABC")


def test_huge_text_is_fast(cleaner):
    text = "Body text of the article goes on.\n" * 30000 + "Source link"
    t = time.perf_counter()
    r = cleaner.clean(text)
    assert time.perf_counter() - t < 5
    assert r.text == text[: -len("\nSource link")]


def test_stray_markup_opening_a_line(cleaner):
    assert cleaner.clean("“> Breaking news:\nThe vote was delayed.").text == "The vote was delayed."
    assert cleaner.clean('"/> \nThe vote was delayed.').text == "The vote was delayed."

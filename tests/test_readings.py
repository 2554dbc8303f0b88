"""Native forms and readings: the gazetteer fields, their file formats, the build's reading
generator (scripts/kanji_readings.py, pykakasi) and the shipped people gazetteer.

The matcher's use of the readings is tested with the name engine, not here.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

from mtclean.gazetteer.check import check_rows
from mtclean.gazetteer.formats import GazetteerError, load_gazetteer
from mtclean.gazetteer.model import Entry
from mtclean.gazetteer.wikidata import read_wikidata
from mtclean.resources import default_gazetteer

ROOT = Path(__file__).resolve().parents[1]
HEADER = "id\ttype\tcanonical\taliases\tmangled\tcountry\tdescription\tsource\tflags\tnative\treadings\n"


def test_entry_fields_default_empty_and_readings_are_not_accepted():
    e = Entry("per.x", "PER", "Hu Jintao", native=("胡錦濤",), readings=("Ko Kinto", "Ko Kintou"))
    assert e.native == ("胡錦濤",) and e.readings == ("Ko Kinto", "Ko Kintou")
    assert e.accepted == ("Hu Jintao",)
    assert Entry("per.y", "PER", "Wang Yi").native == () == Entry("per.y", "PER", "Wang Yi").readings


@pytest.mark.parametrize(
    "name,content",
    [
        ("g.tsv", HEADER + "per.x\tPER\tHu Jintao\t\t\tCN\t\tcurated\t\t胡錦濤\tKo Kinto| Ko Kintou |\n"),
        (
            "g.csv",
            "id,type,canonical,aliases,native,readings\nper.x,PER,Hu Jintao,,胡錦濤,Ko Kinto|Ko Kintou\n",
        ),
        (
            "g.jsonl",
            json.dumps(
                {
                    "id": "per.x",
                    "type": "PER",
                    "canonical": "Hu Jintao",
                    "native": ["胡錦濤"],
                    "readings": ["Ko Kinto", "Ko Kintou"],
                },
                ensure_ascii=False,
            )
            + "\n",
        ),
        (
            "g2.jsonl",
            '{"id": "per.x", "type": "PER", "canonical": "Hu Jintao", "native": "胡錦濤", '
            '"readings": "Ko Kinto|Ko Kintou"}\n',
        ),
    ],
)
def test_loaders_read_native_and_readings(tmp_path, name, content):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    e = load_gazetteer(p)["per.x"]
    assert e.native == ("胡錦濤",)
    assert e.readings == ("Ko Kinto", "Ko Kintou")


def test_tsv_without_the_columns_has_empty_fields(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_text("id\ttype\tcanonical\taliases\nper.x\tPER\tHu Jintao\t\n", encoding="utf-8")
    e = load_gazetteer(p)["per.x"]
    assert (e.native, e.readings) == ((), ())


@pytest.mark.parametrize(
    "name,content,line,message",
    [
        ("g.tsv", HEADER + "# c\nper.x\tPER\tHu Jintao\t\t\t\t\t\t\t胡錦濤\t胡錦濤\n", 3, "not a romanisation"),
        ("g.tsv", HEADER + "per.x\tPER\tHu Jintao\t\t\t\t\t\t\t\tKo Kinto|123\n", 2, "not a romanisation"),
        ("g.jsonl", '\n{"id": "per.x", "type": "PER", "canonical": "Hu Jintao", "readings": [1]}\n', 2, "list of strings"),
        ("g.jsonl", '{"id": "per.x", "type": "PER", "canonical": "X", "readings": ["Ko\\u0000Kinto"]}\n', 1, "control"),
    ],
)
def test_bad_readings_field_names_file_line_and_column(tmp_path, name, content, line, message):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(p)
    err = info.value
    assert (err.file, err.line, err.column) == (str(p), line, "readings")
    assert message in err.message


def test_bad_native_field_names_its_column(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": "per.x", "type": "PER", "canonical": "X", "native": {"ja": "習"}}\n', encoding="utf-8")
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(p)
    assert (info.value.line, info.value.column) == (1, "native")


def test_wikidata_ja_zh_ko_labels_are_native_forms():
    labels = {
        "en": {"language": "en", "value": "Kim Jong Un"},
        "ja": {"language": "ja", "value": "金正恩"},
        "zh": {"language": "zh", "value": "金正恩"},
        "ko": {"language": "ko", "value": "김정은"},
        "fr": {"language": "fr", "value": "Kim Jong-un"},
    }
    text = json.dumps({"type": "item", "id": "Q56226", "labels": labels, "claims": {}}, ensure_ascii=False)
    [(_line, e)] = read_wikidata(text, "wd.json")
    assert e.native == ("金正恩", "김정은")
    assert e.readings == ()
    [(_line, plain)] = read_wikidata(json.dumps({"id": "Q1", "labels": {"en": {"value": "X Y"}}}), "wd.json")
    assert plain.native == ()


def test_check_reports_a_reading_that_is_a_common_word_whatever_the_flags():
    e = Entry(
        "per.x", "PER", "Velar Kostin", readings=("Hope", "Ko Kinto"), flags=frozenset({"needs_context"})
    )
    problems = [p for p in check_rows([("t.tsv", 2, e)]) if p.check == "common-word"]
    assert [(p.name, p.message.split(" ")[0]) for p in problems] == [("Hope", "reading")]


# -- the build's reading generator

ROMAJI = {
    # native: a reading it must give (long vowels dropped), and one it must give spelt out
    "胡錦濤": ("Ko Kinto", "Ko Kintou"),  # 胡 "ko", 錦濤 read character by character
    "李強": ("Ri Kyo", "Ri Kyou"),  # 李 on'yomi "ri", not its kun'yomi "sumomo"
    "王毅": ("O Ki", "Ou Ki"),  # 毅 "ki", not "tsuyoshi"
    "毛沢東": ("Mo Takuto", "Mou Takutou"),  # 沢 "taku", not the kun'yomi "sawa"
    "江沢民": ("Ko Takumin", "Kou Takumin"),  # 江 "kou", not the kun'yomi "e"
    "鄧小平": ("To Shohei", "Tou Shouhei"),
    "文在寅": ("Bun Zaiin", "Bun Zaiin"),  # 寅: no on'yomi in pykakasi, supplied by the script
}


@pytest.fixture(scope="module")
def kanji_readings():
    pytest.importorskip("pykakasi")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        yield importlib.import_module("kanji_readings")
    finally:
        sys.path.remove(str(ROOT / "scripts"))


@pytest.fixture(scope="module")
def reader(kanji_readings):
    return kanji_readings.Reader()


def test_split_name(kanji_readings):
    split = kanji_readings.split_name
    assert split("胡錦濤") == ("胡", "錦濤")
    assert split("王毅") == ("王", "毅")
    assert split("諸葛亮") == ("諸葛", "亮")  # compound surname
    assert split("林鄭月娥") == ("林鄭", "月娥")  # four characters: two family names
    assert not kanji_readings.is_kanji_name("金") and not kanji_readings.is_kanji_name("김정은")


@pytest.mark.parametrize("native", list(ROMAJI))
def test_readings_are_on_yomi_in_both_spellings(reader, native):
    got = reader.readings(native)
    dropped, spelt = ROMAJI[native]
    assert dropped in got and spelt in got, got


def test_single_characters_get_on_yomi_not_kun_yomi(reader):
    # pykakasi's converter reads these as kun'yomi; the reader ranks the dictionary's on'yomi
    assert reader.ranked("李")[0][0] == "り"
    assert reader.ranked("毅")[0][0] == "き"
    assert reader.ranked("金")[0][0] == "きん"
    assert reader.ranked("平")[0][0] == "へい"
    assert {r for r, _w in reader.ranked("正")} == {"せい", "しょう"}


def test_at_most_three_alternatives_and_each_in_two_spellings_at_most(reader, kanji_readings):
    for native in ("金正男", "丁世均", "張暁剛", "黄永宏"):
        assert 1 <= len(reader.name_readings(native)) <= kanji_readings.MAX_ALTERNATIVES
        assert len(reader.readings(native)) <= 2 * kanji_readings.MAX_ALTERNATIVES


def test_long_vowels_are_dropped_per_character(kanji_readings):
    assert kanji_readings.drop_long_vowels(("しょう", "おん")) == "しょおん"  # long vowel dropped per character
    assert kanji_readings.drop_long_vowels(("しゅう",)) == "しゅ"
    assert kanji_readings.drop_long_vowels(("へい",)) == "へい"  # "ei" stays


# -- the shipped gazetteer


@pytest.fixture(scope="module")
def people():
    return default_gazetteer()


@pytest.mark.parametrize(
    "ident,native,reading",
    [
        ("per.hu-jintao", "胡錦濤", "Ko Kinto"),
        ("per.mao-zedong", "毛沢東", "Mo Takuto"),
        ("per.li-qiang", "李強", "Ri Kyo"),
        ("per.wang-yi", "王毅", "O Ki"),
        ("per.moon-jae-in", "文在寅", "Bun Zaiin"),
    ],
)
def test_shipped_people_have_native_forms_and_readings(people, ident, native, reading):
    e = people[ident]
    assert native in e.native
    assert reading in e.readings


def test_shipped_readings_are_not_accepted_forms(people):
    accepted = {s.casefold() for e in people for s in e.accepted}
    with_readings = [e for e in people if e.readings]
    assert len(with_readings) >= 100
    for e in with_readings:
        assert all(r.casefold() not in accepted for r in e.readings), e.id
        assert e.native

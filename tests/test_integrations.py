"""The optional bridges: spaCy, pandas, datasets (each tested when its package is installed)."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

import mtclean
from mtclean import Cleaner, Entry, Gazetteer
from mtclean.integrations import records

GAZ = Gazetteer(
    [
        Entry("per.kofi-annan", "PER", "Kofi Annan", mangled=("Cofi Anan",), country=("GH",)),
        Entry("per.angela-merkel", "PER", "Angela Merkel", aliases=("Merkel",), mangled=("Angela Merkl",)),
        Entry("loc.ghana", "LOC", "Ghana", demonyms=("Ghanaian",), country=("GH",)),
        Entry("org.united-nations", "ORG", "United Nations"),
    ],
    name="integrations-test",
)
TEXTS = [
    "Angela Merkl met Cofi Anan at the United Nations.",
    "Markets were calm on Monday.",
    "Officials in Ghana said the the vote was fair.",
]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(GAZ, defaults=False)


# ----------------------------------------------------------------------------- shared plumbing


def test_import_mtclean_imports_no_optional_package() -> None:
    code = (
        "import sys, mtclean, mtclean.integrations\n"
        "bad = [m for m in ('pandas', 'spacy', 'datasets', 'pyarrow') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unknown_attribute_of_mtclean_still_raises() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        mtclean.no_such_thing  # noqa: B018


def test_records_handle_missing_values_and_reject_other_types(cleaner: Cleaner) -> None:
    rows = list(records(["Cofi Anan spoke.", None, float("nan")], cleaner))
    assert rows[0]["cleaned"] == "Kofi Annan spoke."
    assert rows[0]["fixes"][0]["entity"] == "per.kofi-annan"
    assert rows[1] == rows[2] == {"cleaned": None, "fixes": [], "findings": [], "entities": []}
    with pytest.raises(TypeError, match="row 1"):
        list(records(["fine", 42], cleaner, where="row"))
    with pytest.raises(TypeError, match="cleaner"):
        list(records(["x"], "not a cleaner"))  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------- spaCy


def test_spacy_doc_entities_and_offsets_back_to_the_original(cleaner: Cleaner) -> None:
    spacy = pytest.importorskip("spacy")
    from mtclean.integrations.spacy import SPACY_LABELS, to_doc

    nlp = spacy.blank("en")
    r = cleaner.clean("Angela Merkl met Cofi Anan at the United Nations on Monday.")
    doc = to_doc(r, nlp)
    assert doc.text == r.text == "Angela Merkel met Kofi Annan at the United Nations on Monday."
    assert doc._.mtclean is r
    ents = [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert ents == [
        ("Angela Merkel", "PER", "per.angela-merkel"),
        ("Kofi Annan", "PER", "per.kofi-annan"),
        ("United Nations", "ORG", "org.united-nations"),
    ]
    merkel, annan, un = doc.ents
    assert merkel._.mtclean_original == (0, 12)
    assert merkel._.mtclean_original_text == "Angela Merkl"
    assert annan._.mtclean_original_text == "Cofi Anan"
    assert un._.mtclean_original_text == "United Nations"
    assert merkel._.mtclean_entity.fixed is True
    assert un._.mtclean_entity.entity == "org.united-nations"
    # Any span maps back, not only entities: "on Monday" sits two characters later in the cleaned text.
    monday = doc[-3:-1]
    assert monday.text == "on Monday"
    s, e = monday._.mtclean_original
    assert r.original[s:e] == "on Monday" and s == monday.start_char - 2
    # Tokens and the whole doc too.
    # A token inside an edited region maps to the whole region.
    assert doc[1]._.mtclean_original_text == "Angela Merkl"
    assert doc[2]._.mtclean_original_text == "met"
    assert doc._.mtclean_original == (0, len(r.original))
    assert doc._.mtclean_original_text == r.original
    # Labels can be mapped to spaCy's scheme.
    doc2 = to_doc(r, nlp, labels=SPACY_LABELS)
    assert [e.label_ for e in doc2.ents] == ["PERSON", "PERSON", "ORG"]


def test_spacy_entities_optional_and_other_docs_untouched(cleaner: Cleaner) -> None:
    spacy = pytest.importorskip("spacy")
    from mtclean.integrations.spacy import to_doc

    nlp = spacy.blank("en")
    r = cleaner.clean("Angela Merkl spoke.")
    doc = to_doc(r, nlp, entities=False)
    assert doc.ents == () and doc._.mtclean is r
    other = nlp("Unrelated text.")
    assert other._.mtclean is None
    assert other[:1]._.mtclean_original is None and other[:1]._.mtclean_entity is None
    with pytest.raises(TypeError, match="Result"):
        to_doc("Angela Merkl spoke.", nlp)  # type: ignore[arg-type]


def test_spacy_expands_partial_tokens_and_skips_overlaps() -> None:
    spacy = pytest.importorskip("spacy")
    from mtclean.integrations.spacy import to_doc
    from mtclean.model import Mention
    from mtclean.result import Result

    text = "Talks at UNHQ-Geneva ended."
    # Two overlapping mentions, one of them inside a token: expanded to the token, the second skipped.
    mentions = (
        Mention(9, 13, "UNHQ", "org.united-nations", "ORG", "United Nations"),
        Mention(9, 20, "UNHQ-Geneva", "loc.geneva", "LOC", "Geneva"),
    )
    r = Result(text, text, (), (), mentions)
    doc = to_doc(r, spacy.blank("en"))
    assert len(doc.ents) == 1
    (ent,) = doc.ents
    assert ent.kb_id_ == "org.united-nations"
    assert "UNHQ" in ent.text


def test_spacy_keeps_pipeline_entities_that_do_not_overlap(cleaner: Cleaner) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.language import Language

    from mtclean.integrations.spacy import to_doc

    @Language.component("mtclean_test_fake_ner")
    def fake_ner(doc):  # a stand-in for a statistical NER: tags "Monday" and "Angela"
        spans = [doc.char_span(m, m + len(w), label="X") for w in ("Monday", "Angela") if (m := doc.text.find(w)) >= 0]
        doc.ents = [s for s in spans if s is not None]
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("mtclean_test_fake_ner")
    doc = to_doc(cleaner.clean("Angela Merkl spoke on Monday."), nlp)
    assert [(e.text, e.label_) for e in doc.ents] == [("Angela Merkel", "PER"), ("Monday", "X")]


# ---------------------------------------------------------------------------------- pandas


def test_clean_series_adds_columns(cleaner: Cleaner) -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series(TEXTS + [None], index=[10, 11, 12, 13])
    df = mtclean.clean_series(s, cleaner)
    assert list(df.columns) == ["text", "text_cleaned", "fixes", "findings", "entities"]
    assert list(df.index) == [10, 11, 12, 13]
    assert df.loc[10, "text_cleaned"] == "Angela Merkel met Kofi Annan at the United Nations."
    assert df.loc[11, "text_cleaned"] == TEXTS[1] and df.loc[11, "fixes"] == []
    assert df.loc[12, "text_cleaned"] == "Officials in Ghana said the vote was fair."
    assert [f["entity"] for f in df.loc[10, "fixes"]] == ["per.angela-merkel", "per.kofi-annan"]
    assert [e["entity"] for e in df.loc[10, "entities"]] == [
        "per.angela-merkel",
        "per.kofi-annan",
        "org.united-nations",
    ]
    assert df.loc[12, "fixes"][0]["rule"] == "artifact.doubled-word"
    missing = df.loc[13, "text_cleaned"]
    assert missing is None or (isinstance(missing, float) and math.isnan(missing))
    assert df.loc[13, "fixes"] == [] and df.loc[13, "entities"] == []
    # JSON-serialisable as it is.
    back = json.loads(df.to_json(orient="records"))
    assert back[0]["fixes"][0]["replacement"] == "Angela Merkel"
    json.dumps(df.drop(columns=["text", "text_cleaned"]).to_dict("records"))


def test_clean_series_uses_the_series_name_and_joins_back(cleaner: Cleaner) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"body": ["Cofi Anan spoke.", "Nothing here."], "source": ["a", "b"]})
    out = mtclean.clean_series(frame["body"], cleaner)
    assert list(out.columns) == ["body", "body_cleaned", "fixes", "findings", "entities"]
    joined = frame.join(out.drop(columns="body"))
    assert joined["body_cleaned"].tolist() == ["Kofi Annan spoke.", "Nothing here."]
    assert joined["source"].tolist() == ["a", "b"]


def test_clean_series_default_cleaner_and_errors() -> None:
    pd = pytest.importorskip("pandas")
    from mtclean.integrations.pandas import clean_series

    assert clean_series is mtclean.clean_series
    with pytest.raises(TypeError, match="Series"):
        clean_series(["a list"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="row 1"):
        clean_series(pd.Series(["text", 3]), Cleaner(GAZ, defaults=False))
    empty = clean_series(pd.Series([], dtype=object), Cleaner(GAZ, defaults=False))
    assert len(empty) == 0 and "text_cleaned" in empty.columns


# -------------------------------------------------------------------------------- datasets


def test_batch_cleaner_without_datasets_installed(cleaner: Cleaner) -> None:
    from mtclean.integrations.datasets import batch_cleaner

    fn = batch_cleaner("body", cleaner)
    out = fn({"body": ["Cofi Anan spoke.", None], "n": [1, 2]})
    assert out["n"] == [1, 2]
    assert out["body_cleaned"] == ["Kofi Annan spoke.", None]
    assert out["fixes"][0][0]["replacement"] == "Kofi Annan" and out["fixes"][1] == []
    assert out["entities"][0][0]["entity"] == "per.kofi-annan"
    with pytest.raises(KeyError, match="text"):
        batch_cleaner(cleaner=cleaner)({"body": ["x"]})
    with pytest.raises(TypeError):
        batch_cleaner("")


def test_dataset_map_batched(cleaner: Cleaner) -> None:
    datasets = pytest.importorskip("datasets")
    from mtclean.integrations.datasets import batch_cleaner, features

    ds = datasets.Dataset.from_dict({"text": TEXTS + [None], "id": [1, 2, 3, 4]})
    # batch_size=1: batches whose first rows have no fixes need the declared features.
    out = ds.map(batch_cleaner(cleaner=cleaner), batched=True, batch_size=1, features=features(ds.features))
    assert out.column_names == ["text", "id", "text_cleaned", "fixes", "findings", "entities"]
    assert out[0]["text_cleaned"] == "Angela Merkel met Kofi Annan at the United Nations."
    assert out[0]["fixes"][1]["entity"] == "per.kofi-annan"
    assert out[1]["fixes"] == [] and out[3]["text_cleaned"] is None
    assert out[2]["fixes"][0]["entity"] is None
    assert [e["entity"] for e in out[0]["entities"]] == ["per.angela-merkel", "per.kofi-annan", "org.united-nations"]
    json.dumps(out.to_list())


def test_dataset_map_with_default_batches_needs_no_features(cleaner: Cleaner) -> None:
    datasets = pytest.importorskip("datasets")
    from mtclean.integrations.datasets import batch_cleaner

    ds = datasets.Dataset.from_dict({"text": TEXTS})
    out = ds.map(batch_cleaner(cleaner=cleaner), batched=True)
    assert out["text_cleaned"][2] == "Officials in Ghana said the vote was fair."


# ------------------------------------------------------------------------------------ docs

DOCS = Path(__file__).resolve().parent.parent / "docs" / "pipelines.md"
OPTIONAL = ("spacy", "pandas", "datasets")


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.M | re.S)


def test_docs_python_blocks_run_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = python_blocks(DOCS.read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    for mod in OPTIONAL:
        if any(re.search(rf"^(import|from) {mod}\b", b, flags=re.M) for b in blocks):
            pytest.importorskip(mod)
    namespace: dict[str, object] = {"__name__": "docs_pipelines"}
    for i, block in enumerate(blocks):
        try:
            exec(compile(block, f"{DOCS.name}[block {i + 1}]", "exec"), namespace)
        except Exception as exc:
            raise AssertionError(f"docs/pipelines.md, python block {i + 1} failed: {exc!r}\n{block}") from exc
    out = capsys.readouterr().out
    assert "Angela Merkel" in out

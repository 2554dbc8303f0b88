"""The Dask bridge: results on a two-process LocalCluster are identical to the serial run."""

from __future__ import annotations

import json
import pickle

import pytest

dask = pytest.importorskip("dask")
db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")
pd = pytest.importorskip("pandas")

from mtclean import Cleaner  # noqa: E402
from mtclean.integrations import dask as mdask  # noqa: E402

TEXTS = [
    "Officials said the the talks ended on Monday.",
    "Rain fell across the north.\nSource link",
    "Foreign Minister Asaad al-Shaibani met envoys in Damascus.",
    "",
    "“He said it would hold,” the minister added.",
    "The port reopened on Tuesday，officials said。",
] * 4
TEXTS = [f"{t} [{i}]" if t else t for i, t in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def serial():
    c = Cleaner()
    return [c.clean(t).to_dict() for t in TEXTS]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_bag_on_a_two_process_cluster_equals_the_serial_run(client, serial):
    bag = db.from_sequence(TEXTS, npartitions=6)
    out = mdask.clean_bag(bag).compute()
    assert json.dumps(out, sort_keys=True) == json.dumps(serial, sort_keys=True)
    # Each worker process built at most one cleaner, however many partitions it cleaned.
    counts = client.run(lambda: len(mdask._CLEANERS))
    assert len(counts) == 2 and all(n <= 1 for n in counts.values()) and sum(counts.values()) >= 1


def test_dataframe_on_a_two_process_cluster_equals_the_serial_run(client, serial):
    pdf = pd.DataFrame({"id": range(len(TEXTS)), "text": TEXTS})
    pdf.loc[3, "text"] = None  # a missing text stays missing
    ddf = dd.from_pandas(pdf, npartitions=4)
    out = mdask.clean_dataframe(ddf, "text", mode="repair").compute().sort_values("id")
    assert list(out.columns) == ["id", "text", "text_cleaned", "fixes", "findings", "entities"]
    for i, row in enumerate(out.itertuples(index=False)):
        if i == 3:
            assert pd.isna(row.text_cleaned) and row.fixes == []
            continue
        assert row.text_cleaned == serial[i]["text"]
        assert json.dumps(row.fixes, sort_keys=True) == json.dumps(serial[i]["fixes"], sort_keys=True)
        assert json.dumps(row.findings, sort_keys=True) == json.dumps(serial[i]["findings"], sort_keys=True)


def test_partition_functions_without_a_cluster(serial):
    spec = mdask.cleaner_spec()
    assert mdask.clean_partition(TEXTS[:3], spec) == serial[:3]
    results = mdask.clean_partition(TEXTS[:2], spec, output="result")
    assert [r.text for r in results] == [s["text"] for s in serial[:2]]
    assert mdask.worker_cleaner(spec) is mdask.worker_cleaner(spec)  # built once per process
    # The synchronous scheduler runs the same functions.
    with dask.config.set(scheduler="sync"):
        out = mdask.clean_bag(db.from_sequence(TEXTS[:4], npartitions=2), output="result").compute()
    assert [r.text for r in out] == [s["text"] for s in serial[:4]]


def test_specs_are_small_and_checked(tmp_path):
    c = Cleaner(defaults=False, mode="normalize")
    spec = mdask.cleaner_spec(c)
    assert len(spec) < 2_000
    assert mdask.worker_cleaner(spec).mode == "normalize"
    assert len(mdask.cleaner_spec(mode="normalize", disable=["language"])) < 500
    with pytest.raises(TypeError, match="colour"):
        mdask.cleaner_spec(colour="blue")
    with pytest.raises(ValueError, match="no.such-rule"):
        mdask.cleaner_spec(enable=["no.such-rule"])
    with pytest.raises(TypeError, match="not both"):
        mdask.cleaner_spec(c, mode="repair")
    with pytest.raises(TypeError, match="Cleaner"):
        mdask.cleaner_spec("not a cleaner")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="output"):
        mdask.clean_partition(["x"], mdask.cleaner_spec(), output="arrow")
    ddf = dd.from_pandas(pd.DataFrame({"body": ["a"], "fixes": [1]}), npartitions=1)
    with pytest.raises(KeyError, match="'text'"):
        mdask.clean_dataframe(ddf)
    with pytest.raises(ValueError, match="'fixes'"):
        mdask.clean_dataframe(ddf, "body")
    assert pickle.loads(spec)[0] == "cleaner"

"""``evx.load``: the record files of a run as DataFrames with the contract's columns and types."""
from __future__ import annotations

import pandas as pd
import pytest

import evx
from evx.errors import InputError
from evx.records import RECORD_FILES, column_types
from evx.batch.runner import RunConfig, run_extract


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run")
    (folder / "in").mkdir()
    (folder / "in" / "a.txt").write_text(
        "A 2019 cohort study followed 5,000 adults. Coffee was linked to lower risk "
        "(HR 0.88, 95% CI 0.81-0.95), while the HR of 1.50 (95% CI 1.60-2.00) is inconsistent.\n", encoding="utf-8")
    (folder / "in" / "b.txt").write_text("Nothing to see here.\n", encoding="utf-8")
    run_extract(RunConfig(inputs=[str(folder / "in")], out_dir=folder / "out", workers=1))
    return folder / "out"


def test_load_gives_one_frame_per_record_file_with_the_contract_columns(run_dir):
    frames = evx.load(run_dir)
    assert list(frames) == list(RECORD_FILES)
    for kind, table in frames.items():
        assert list(table.columns) == list(column_types(kind))
    assert frames["documents"]["doc_id"].tolist() == ["a.txt", "b.txt"]


def test_list_fields_are_lists_and_nullable_integers_stay_integers(run_dir):
    frames = evx.load(run_dir)
    effects = frames["effects"]
    assert [type(f) for f in effects["flags"]] == [list, list]
    assert "estimate_outside_ci" in effects["flags"].iloc[1]
    designs = frames["designs"]
    assert str(designs["year"].dtype) == "Int64" and 2019 in designs["year"].tolist()
    assert str(frames["documents"]["evidence_level"].dtype) == "Int64"
    assert frames["documents"]["evidence_level"].isna().tolist() == [False, True]


def test_empty_kinds_still_have_their_columns(run_dir):
    frames = evx.load(run_dir)
    assert frames["hedges"].empty or set(frames["hedges"]["doc_id"]) <= {"a.txt", "b.txt"}
    from evx.tables import frame
    empty = frame("claims", [])
    assert isinstance(empty, pd.DataFrame) and list(empty.columns) == list(column_types("claims"))


def test_load_refuses_a_folder_that_is_not_a_run(tmp_path):
    with pytest.raises(InputError, match="no documents.jsonl"):
        evx.load(tmp_path)
    with pytest.raises(InputError, match="no such folder"):
        evx.load(tmp_path / "missing")

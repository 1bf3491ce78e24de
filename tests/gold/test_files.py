"""evx.gold.files: reading gold files with the line of every record, and writing them."""
from __future__ import annotations

import json

import pytest

from evx.errors import GoldError
from evx.gold import dump_gold, load_gold, locate_records, write_gold
from evx.gold.files import load_with_texts


def test_line_numbers_point_at_each_record(gold_doc):
    text = dump_gold(gold_doc)
    key_lines, record_lines = locate_records(text)
    lines = text.splitlines()
    assert key_lines["doc_id"] == 2
    for kind, numbers in record_lines.items():
        for number in numbers:
            assert lines[number - 1].lstrip().startswith('{"start"'), (kind, number)
    assert '"HR 0.79' in lines[record_lines["effects"][0] - 1]


def test_line_numbers_in_an_indented_layout(gold_doc):
    """Files written with json.dumps(indent=1) by hand-annotation scripts: the record's
    line is the line of its opening brace."""
    text = json.dumps(gold_doc, indent=1)
    _, record_lines = locate_records(text)
    lines = text.splitlines()
    for kind, numbers in record_lines.items():
        assert len(numbers) == len(gold_doc[kind])
        for number in numbers:
            assert lines[number - 1].strip() == "{" and '"start"' in lines[number], (kind, number)


def test_written_files_load_back_with_every_list(gold_doc, tmp_path):
    del gold_doc["hedges"]
    [path] = write_gold(tmp_path, [gold_doc])
    assert path == tmp_path / "tea.json"
    loaded = load_gold(tmp_path)["tea.txt"]
    assert loaded.data == {**gold_doc, "hedges": []}
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[loaded.line("claims", 0) - 1].startswith('    {"start"')
    assert '"Green tea may protect the brain"' in lines[loaded.line("claims", 0) - 1]


def test_exports_need_the_articles(folders, tmp_path):
    corpus, gold = folders
    documents, texts = load_with_texts(gold)        # corpus/ beside the gold folder
    assert set(documents) == set(texts) == {"tea.txt"}
    alone = tmp_path / "elsewhere" / "gold"
    alone.mkdir(parents=True)
    (alone / "tea.json").write_bytes((gold / "tea.json").read_bytes())
    with pytest.raises(GoldError, match="the article texts are needed"):
        load_with_texts(alone)
    other = tmp_path / "other"
    other.mkdir()
    (other / "coffee.txt").write_text("Coffee drinkers lived longer.\n", encoding="utf-8")
    with pytest.raises(GoldError, match="has no article for tea.txt"):
        load_with_texts(gold, other)

"""Imports run one way: readers and the text layer never import spaCy, so reading a folder (or
checking gold files) costs no pipeline start-up; kind folders import no CLI or report code."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "evx"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"


def _imports_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_reading_text_markdown_and_html_imports_no_spacy():
    modules = _imports_after(
        "from evx.readers import iter_documents\n"
        f"docs = list(iter_documents([{str(FIXTURES / 'article.txt')!r}, {str(FIXTURES / 'article.html')!r}]))\n"
        "assert all(d.text for d in docs)\n")
    assert "spacy" not in modules and "evx.readers.html" in modules


def test_the_text_layer_imports_no_spacy():
    modules = _imports_after("import evx.text.sentences, evx.text.sections, evx.text.lines, evx.text.alternation, "
                             "evx.text.casefold, evx.text.numbers")
    assert "spacy" not in modules


def _evx_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("evx"):
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("evx"))
    return names


@pytest.mark.parametrize("folder, forbidden", [
    ("text", ("evx.nlp", "evx.readers", "evx.effects", "evx.designs", "evx.hedges", "evx.claims",
              "evx.scoring", "evx.reports", "evx.cli", "evx.batch")),
    ("readers", ("evx.nlp", "evx.effects", "evx.designs", "evx.hedges", "evx.claims", "evx.scoring",
                 "evx.reports", "evx.cli", "evx.batch")),
    ("effects", ("evx.designs", "evx.hedges", "evx.claims", "evx.scoring", "evx.reports", "evx.cli", "evx.batch")),
    ("designs", ("evx.hedges", "evx.claims", "evx.scoring", "evx.reports", "evx.cli", "evx.batch")),
    ("hedges", ("evx.designs", "evx.claims", "evx.scoring", "evx.reports", "evx.cli", "evx.batch")),
    ("claims", ("evx.scoring", "evx.reports", "evx.cli", "evx.batch")),
])
def test_kind_folders_import_downstream_only(folder, forbidden):
    for path in sorted((SRC / folder).glob("*.py")):
        bad = {name for name in _evx_imports(path) if name.startswith(forbidden)}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


@pytest.mark.parametrize("folder", ["effects", "designs", "hedges", "claims"])
def test_only_the_component_module_of_a_kind_touches_spacy_docs(folder):
    for path in sorted((SRC / folder).glob("*.py")):
        if path.name == "component.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "spacy.tokens import Doc" not in text or path.name == "estimates.py", path.name
        assert "evx.nlp" not in text, f"{folder}/{path.name} reaches into the spaCy layer"

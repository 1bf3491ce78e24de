"""Gold files on disk: reading them (with the line of every record), and writing them.

A gold file is one JSON object per article (``docs/gold-format.md``). :func:`read_gold_file`
parses one and keeps the line of every top-level key and of every record (a
position-tracking pass over the JSON with :meth:`json.JSONDecoder.raw_decode`), so
problems can be reported as ``file:line``; :func:`load_gold` reads a folder by ``doc_id``.
:func:`dump_gold` / :func:`write_gold` write the one canonical layout, and
:func:`read_corpus` reads the articles exactly as ``evx extract`` does.

The facts particular to gold files live here, once: the span fields a record carries
(:data:`SPAN_FIELDS`), the free-text note fields (:data:`NOTE_FIELDS`) and the order
fields are written in (:data:`FIELD_ORDER`, :data:`DOC_ORDER`). Record kinds come from
:mod:`evx.records`.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from evx.errors import GoldError
from evx.output import atomic_write_text
from evx.records import SPAN_KINDS

#: the span of a gold record: offsets into the article and the text they slice
SPAN_FIELDS = ("start", "end", "quote")
#: free-text fields a gold file may carry on any record and at document level
NOTE_FIELDS = ("note", "notes", "comment")
#: the order fields are written in (others follow in their own order)
FIELD_ORDER = ("start", "end", "quote", "measure", "value", "ci_low", "ci_high", "ci_level",
               "p_value", "p_relation", "adjusted", "pooled", "flags", "n", "group", "bound",
               "design", "population", "year", "generic", "section", "also", "cue", "category",
               "on_claim", "strength", "hedged", "overclaim", "reasons", "explanations",
               "evidence", "hypothesis")
DOC_ORDER = ("doc_id", "style", "title", "main_design", "main_population")


# --- loading ------------------------------------------------------------------

@dataclass
class GoldDocument:
    """One gold file: its parsed content and the line of every key and record."""

    doc_id: str
    path: Path
    data: dict
    key_lines: dict[str, int] = field(default_factory=dict)
    record_lines: dict[str, list[int]] = field(default_factory=dict)

    def records(self, kind: str) -> list[dict]:
        value = self.data.get(kind) or []
        return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []

    def line(self, kind: str | None = None, index: int | None = None) -> int:
        """Line of record ``index`` of ``kind``, of key ``kind``, or 1."""
        if kind is not None and index is not None:
            lines = self.record_lines.get(kind, [])
            if index < len(lines):
                return lines[index]
        if kind is not None and kind in self.key_lines:
            return self.key_lines[kind]
        return 1


@dataclass
class Problem:
    """One thing wrong in a gold file, printed as ``file:line: message``."""

    path: str
    line: int
    message: str
    severity: str = "error"     # "error" fails the check; "warning" only with --strict

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {tag}{self.message}"


_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def locate_records(text: str) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Lines of the top-level keys and of each element of the top-level lists.

    The text must already parse as JSON; values are skipped with
    ``JSONDecoder.raw_decode``, which returns where each one ends, so the pass
    is linear in the size of the file.
    """
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(pos: int) -> int:
        return bisect.bisect_left(newlines, pos) + 1

    def ws(pos: int) -> int:
        return _WS.match(text, pos).end()

    key_lines: dict[str, int] = {}
    record_lines: dict[str, list[int]] = {}
    pos = ws(0)
    if not text.startswith("{", pos):
        return key_lines, record_lines
    pos = ws(pos + 1)
    while pos < len(text) and text[pos] != "}":
        key_start = pos
        key, pos = _DECODER.raw_decode(text, pos)
        key_lines[key] = line_of(key_start)
        pos = ws(ws(pos) + 1)           # the colon
        if text.startswith("[", pos):
            lines: list[int] = []
            pos = ws(pos + 1)
            while text[pos] != "]":
                lines.append(line_of(pos))
                _, pos = _DECODER.raw_decode(text, pos)
                pos = ws(pos)
                if text[pos] == ",":
                    pos = ws(pos + 1)
            pos += 1
            record_lines[key] = lines
        else:
            _, pos = _DECODER.raw_decode(text, pos)
        pos = ws(pos)
        if pos < len(text) and text[pos] == ",":
            pos = ws(pos + 1)
    return key_lines, record_lines


def read_gold_file(path: Path) -> GoldDocument:
    """Parse one gold file; raises :class:`GoldError` (with file:line) if it is not a JSON object."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeError) as exc:
        raise GoldError(f"{path}:1: cannot be read ({exc})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise GoldError(f"{path}:1: a gold file holds one JSON object, not {type(data).__name__}")
    key_lines, record_lines = locate_records(text)
    doc_id = data.get("doc_id")
    return GoldDocument(doc_id=doc_id if isinstance(doc_id, str) else "", path=path, data=data,
                        key_lines=key_lines, record_lines=record_lines)


def gold_files(folder: Path) -> list[Path]:
    """The ``.json`` files of a gold folder, sorted (hidden folders skipped), or the one file given."""
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise GoldError(f"{folder}: no such gold folder; give the folder of gold JSON files")
    files = sorted(p for p in folder.rglob("*.json")
                   if not any(part.startswith(".") for part in p.relative_to(folder).parts))
    if not files:
        raise GoldError(f"{folder}: holds no .json gold files")
    return files


def load_gold(folder: Path) -> dict[str, GoldDocument]:
    """Every gold file in ``folder`` by ``doc_id``; raises GoldError on unreadable or duplicate files."""
    documents: dict[str, GoldDocument] = {}
    for path in gold_files(folder):
        gold = read_gold_file(path)
        if not gold.doc_id:
            raise GoldError(f"{path}:1: no \"doc_id\"; name the article, e.g. \"{path.stem}.txt\"")
        if gold.doc_id in documents:
            raise GoldError(f"{path}:{gold.line('doc_id')}: doc_id {gold.doc_id!r} is also used by "
                            f"{documents[gold.doc_id].path}")
        documents[gold.doc_id] = gold
    return documents


def read_corpus(corpus: Path) -> dict[str, str]:
    """doc_id -> text, read exactly as ``evx extract`` reads it."""
    from evx.readers import Failed, iter_documents
    texts = {}
    for item in iter_documents([str(corpus)]):
        if not isinstance(item, Failed):
            texts[item.doc_id] = item.text
    return texts


def default_corpus(gold_folder: Path) -> Path | None:
    """``corpus/`` beside the gold folder, when there is one."""
    candidate = Path(gold_folder).parent / "corpus"
    return candidate if candidate.is_dir() else None


# --- writing ----------------------------------------------------------------------

def ordered(record: dict, order: tuple[str, ...]) -> dict:
    """``record`` with the fields of ``order`` first, in that order, then the others as they were."""
    first = {k: record[k] for k in order if k in record}
    return {**first, **{k: v for k, v in record.items() if k not in first}}


def dump_gold(data: dict) -> str:
    """A gold document as JSON for people, in one canonical order: document fields,
    the five record lists (empty ones too), then notes; one record a line."""
    head = {k: data[k] for k in DOC_ORDER if k in data}
    head.update((k, v) for k, v in data.items()
                if k not in head and k not in SPAN_KINDS and k not in NOTE_FIELDS)
    head.update((kind, data.get(kind) or []) for kind in SPAN_KINDS)
    head.update((k, data[k]) for k in NOTE_FIELDS if k in data)
    lines = ["{"]
    items = list(head.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if key in SPAN_KINDS and isinstance(value, list):
            if not value:
                lines.append(f"  {json.dumps(key)}: []{comma}")
                continue
            lines.append(f"  {json.dumps(key)}: [")
            for j, record in enumerate(value):
                rec = ordered(record, FIELD_ORDER) if isinstance(record, dict) else record
                lines.append("    " + json.dumps(rec, ensure_ascii=False)
                             + ("," if j < len(value) - 1 else ""))
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_gold(folder: Path, documents: list[dict]) -> list[Path]:
    """Write one ``<stem>.json`` per document into ``folder``; returns the paths."""
    folder = Path(folder)
    paths = []
    for data in documents:
        path = folder / Path(data["doc_id"]).with_suffix(".json")
        atomic_write_text(path, dump_gold(data))
        paths.append(path)
    return paths


def load_with_texts(gold_folder: Path, corpus: Path | None = None
                    ) -> tuple[dict[str, GoldDocument], dict[str, str]]:
    """The gold documents of a folder and the texts of their articles, for an export.

    ``corpus`` defaults to ``corpus/`` beside the gold folder; raises :class:`GoldError`
    when there is none or it lacks an article of the gold.
    """
    gold = load_gold(gold_folder)
    if corpus is None:
        corpus = default_corpus(gold_folder)
    if corpus is None:
        raise GoldError("the article texts are needed: give --corpus DIR (the folder the gold is about)")
    texts = read_corpus(corpus)
    missing = sorted(set(gold) - set(texts))
    if missing:
        raise GoldError(f"{corpus}: has no article for {', '.join(missing[:5])}"
                        f"{' ...' if len(missing) > 5 else ''}; check --corpus")
    return gold, texts

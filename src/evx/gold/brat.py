"""BRAT standoff (Stenetorp et al. 2012, https://brat.nlplab.org/standoff.html) to and from gold.

:func:`export_brat` writes ``<stem>.txt`` + ``<stem>.ann`` per article and an
``annotation.conf``; :func:`import_brat` reads them back. Records become text-bound
entities ``T``, labels and booleans attributes ``A``, and the remaining fields (numbers,
reasons) an ``AnnotatorNotes`` note holding JSON, so a round trip gives back the same
gold. The mapping is tabled in ``docs/gold-format.md``.

The BRAT names (entity types, attribute names) are defined here; the values of each
multi-valued attribute are the field's vocabulary in :mod:`evx.records`.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from evx.errors import GoldError
from evx.gold.files import FIELD_ORDER, SPAN_FIELDS, load_with_texts, ordered, write_gold
from evx.output import atomic_write_text
from evx.records import FIELD_VOCABULARIES, OVERCLAIM_REASONS, SPAN_KINDS

BRAT_TYPES = {"effects": "Effect", "sample_sizes": "SampleSize", "designs": "Design",
              "hedges": "Hedge", "claims": "Claim"}
BRAT_KINDS = {v: k for k, v in BRAT_TYPES.items()}
DOCUMENT_TYPE = "Document"
#: record field -> BRAT attribute, per entity type ("document": the ``Document`` entity)
BRAT_ATTRIBUTE_NAMES = {
    "effects": {"measure": "Measure", "adjusted": "Adjusted", "pooled": "Pooled"},
    "sample_sizes": {"bound": "Bound"},
    "designs": {"design": "DesignType", "population": "Population", "generic": "Generic"},
    "hedges": {"category": "Category", "on_claim": "OnClaim"},
    "claims": {"strength": "Strength", "hedged": "Hedged", "overclaim": "Overclaim",
               "hypothesis": "Hypothesis"},
    "document": {"main_design": "MainDesign", "main_population": "MainPopulation"},
}
#: record field -> (BRAT attribute, its values: the field's vocabulary, or None for a
#: binary attribute, which a boolean field becomes), per entity type
BRAT_ATTRIBUTES = {
    kind: {name: (attribute, FIELD_VOCABULARIES.get(name)) for name, attribute in names.items()}
    for kind, names in BRAT_ATTRIBUTE_NAMES.items()
}


def _brat_fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """BRAT cannot hold a newline inside a fragment: split the span at line breaks."""
    fragments, pos = [], start
    for m in re.finditer(r"\n+", text[start:end]):
        if start + m.start() > pos:
            fragments.append((pos, start + m.start()))
        pos = start + m.end()
    if pos < end:
        fragments.append((pos, end))
    return fragments or [(start, end)]


def gold_to_brat(data: dict, text: str) -> str:
    """The ``.ann`` text for one gold document."""
    lines: list[str] = []
    counters = {"T": 0, "A": 0, "#": 0}

    def next_id(prefix: str) -> str:
        counters[prefix] += 1
        return f"{prefix}{counters[prefix]}"

    def entity(etype: str, start: int, end: int, fields: dict, attributes: dict) -> None:
        tid = next_id("T")
        fragments = _brat_fragments(text, start, end)
        offsets = ";".join(f"{s} {e}" for s, e in fragments)
        shown = " ".join(text[s:e] for s, e in fragments)
        lines.append(f"{tid}\t{etype} {offsets}\t{shown}")
        for name, (attribute, values) in attributes.items():
            if name not in fields:
                continue
            value = fields.pop(name)
            if values is None and value is True:
                lines.append(f"{next_id('A')}\t{attribute} {tid}")
            elif values is not None and value is not None:
                lines.append(f"{next_id('A')}\t{attribute} {tid} {value}")
            fields.setdefault("_attributes", []).append(name)
        if etype == BRAT_TYPES["claims"]:
            for reason in fields.get("reasons") or []:
                lines.append(f"{next_id('A')}\t{reason} {tid}")
        if fields:
            note = json.dumps(fields, ensure_ascii=False)
            lines.append(f"{next_id('#')}\tAnnotatorNotes {tid}\t{note}")

    doc_fields = {k: v for k, v in data.items() if k not in SPAN_KINDS}
    first_line = re.search(r"\S[^\n]*", text)
    if first_line:
        end = first_line.start() + len(first_line.group(0).rstrip())
        entity(DOCUMENT_TYPE, first_line.start(), end, doc_fields, BRAT_ATTRIBUTES["document"])
    for kind in SPAN_KINDS:
        for record in data.get(kind) or []:
            fields = {k: v for k, v in record.items() if k not in SPAN_FIELDS}
            entity(BRAT_TYPES[kind], record["start"], record["end"], fields, BRAT_ATTRIBUTES[kind])
    return "\n".join(lines) + "\n"


def brat_to_gold(ann: str, text: str, default_doc_id: str, source: str = "<ann>") -> dict:
    """A gold document from ``.ann`` text and its article; the inverse of :func:`gold_to_brat`."""
    entities: dict[str, dict] = {}
    order: list[str] = []
    attributes: dict[str, list[tuple[str, str | None]]] = {}
    notes: dict[str, str] = {}
    for number, line in enumerate(ann.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        ident = parts[0]
        try:
            if ident.startswith("T"):
                etype, _, offsets = parts[1].partition(" ")
                spans = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
                entities[ident] = {"type": etype, "start": min(s for s, _ in spans),
                                   "end": max(e for _, e in spans), "line": number}
                order.append(ident)
            elif ident.startswith("A") or ident.startswith("M"):
                pieces = parts[1].split()
                attributes.setdefault(pieces[1], []).append(
                    (pieces[0], pieces[2] if len(pieces) > 2 else None))
            elif ident.startswith("#"):
                target = parts[1].split()[1]
                notes[target] = parts[2] if len(parts) > 2 else ""
            # relations (R), events (E) and normalisations (N) carry nothing evx uses
        except (IndexError, ValueError) as exc:
            raise GoldError(f"{source}:{number}: not a BRAT standoff line ({line[:60]!r})") from exc

    data: dict = {"doc_id": default_doc_id}
    lists: dict[str, list[dict]] = {kind: [] for kind in SPAN_KINDS}
    for ident in order:
        entity = entities[ident]
        etype = entity["type"]
        if etype != DOCUMENT_TYPE and etype not in BRAT_KINDS:
            raise GoldError(f"{source}:{entity['line']}: unknown entity type {etype!r}; evx uses "
                            f"{DOCUMENT_TYPE}, {', '.join(BRAT_KINDS)}")
        kind = "document" if etype == DOCUMENT_TYPE else BRAT_KINDS[etype]
        fields: dict = {}
        if ident in notes:
            try:
                fields = json.loads(notes[ident]) if notes[ident].strip().startswith("{") else {}
            except json.JSONDecodeError as exc:
                raise GoldError(f"{source}: note on {ident} is not a JSON object ({exc.msg})") from exc
        managed = set(fields.pop("_attributes", []))
        given = dict(attributes.get(ident, []))
        for name, (attribute, values) in BRAT_ATTRIBUTES[kind].items():
            if attribute in given or name in managed:
                value = given.get(attribute)
                fields[name] = (attribute in given) if values is None else value
        if kind == "claims":
            reasons = [code for code in OVERCLAIM_REASONS if code in given]
            if reasons or "reasons" in fields:
                listed = [r for r in fields.get("reasons") or [] if r in reasons]
                fields["reasons"] = listed + [r for r in reasons if r not in listed]
        if kind == "document":
            data.update(fields)
            continue
        record = {"start": entity["start"], "end": entity["end"],
                  "quote": text[entity["start"]:entity["end"]], **fields}
        lists[kind].append(ordered(record, FIELD_ORDER))
    for kind in SPAN_KINDS:
        lists[kind].sort(key=lambda r: (r["start"], r["end"]))
        data[kind] = lists[kind]
    return data


BRAT_CONF = """# evx gold annotation scheme (see docs/gold-format.md)
[entities]
{entities}
[relations]
[events]
[attributes]
"""


def _brat_conf() -> str:
    entities = "\n".join((DOCUMENT_TYPE, *BRAT_TYPES.values()))
    lines = [BRAT_CONF.format(entities=entities).rstrip("\n")]
    for kind, attrs in BRAT_ATTRIBUTES.items():
        etype = DOCUMENT_TYPE if kind == "document" else BRAT_TYPES[kind]
        for attribute, values in attrs.values():
            lines.append(f"{attribute}\tArg:{etype}" + (f", Value:{'|'.join(values)}" if values else ""))
    for reason in OVERCLAIM_REASONS:
        lines.append(f"{reason}\tArg:{BRAT_TYPES['claims']}")
    return "\n".join(lines) + "\n"


def export_brat(gold_folder: Path, out_dir: Path, corpus: Path | None = None) -> list[Path]:
    """Write ``<stem>.txt`` + ``<stem>.ann`` per gold document and an ``annotation.conf``."""
    gold, texts = load_with_texts(gold_folder, corpus)
    out_dir = Path(out_dir)
    written = []
    for doc_id, document in sorted(gold.items()):
        text = texts[doc_id]
        stem = Path(doc_id).with_suffix("")
        atomic_write_text(out_dir / f"{stem}.txt", text)
        atomic_write_text(out_dir / f"{stem}.ann", gold_to_brat(document.data, text))
        written.append(out_dir / f"{stem}.ann")
    atomic_write_text(out_dir / "annotation.conf", _brat_conf())
    return written


def import_brat(brat_dir: Path, out_folder: Path) -> list[Path]:
    """Gold files from a folder of BRAT ``.ann`` files with their ``.txt`` articles."""
    brat_dir = Path(brat_dir)
    anns = sorted(brat_dir.rglob("*.ann")) if brat_dir.is_dir() else []
    if not anns:
        raise GoldError(f"{brat_dir}: no .ann files found; give a folder of BRAT standoff files")
    documents = []
    for ann in anns:
        txt = ann.with_suffix(".txt")
        if not txt.exists():
            raise GoldError(f"{ann}:1: no {txt.name} beside it; BRAT offsets need the text")
        text = txt.read_text(encoding="utf-8")
        rel = txt.relative_to(brat_dir).as_posix()
        documents.append(brat_to_gold(ann.read_text(encoding="utf-8"), text, rel, str(ann)))
    return write_gold(out_folder, documents)

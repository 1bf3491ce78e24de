"""Gold files: loading, checking, and conversion to and from BRAT and Prodigy.

A gold folder holds one hand-written JSON file per article (``docs/gold-format.md``):
``doc_id``, document-level labels and one list per record kind, every span with
character offsets and the quoted text beside them.

* :func:`load_gold` reads a folder (recursively) into :class:`GoldDocument` objects;
  the line of every record is kept (a position-tracking pass over the JSON with
  :meth:`json.JSONDecoder.raw_decode`), so problems can be reported as ``file:line``.
* :func:`check_gold` validates the files against the vocabularies of
  :mod:`evx.records` and, when the corpus is known, against the article text.
* BRAT standoff (Stenetorp et al. 2012, https://brat.nlplab.org/standoff.html):
  :func:`export_brat` / :func:`import_brat`. Entities ``T``, attributes ``A`` for
  labels and booleans, and an ``AnnotatorNotes`` note holding the remaining fields
  (numbers, reasons) as JSON, so a round trip gives back the same gold.
* Prodigy-style JSONL (https://prodi.gy/docs/api-interfaces#spans):
  :func:`export_prodigy` / :func:`import_prodigy`, one line per article,
  ``{"text", "spans": [{"start", "end", "label", "attrs"}], "meta": {"doc_id", ...}}``.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from evx.errors import GoldError
from evx.records import (
    DESIGNS, HEDGE_CATEGORIES, MEASURES, OVERCLAIM_REASONS, P_RELATIONS, POPULATIONS,
    SECTIONS, SPAN_KINDS, STRENGTHS, EFFECT_FLAGS, Claim, Design, DocumentRecord, Effect,
    Hedge, SampleSize, field_names,
)

#: exit status of ``evx gold check`` when at least one problem was found (0 when none,
#: 1 for a usage error such as a missing folder)
EXIT_GOLD_PROBLEMS = 2

SPAN_FIELDS = ("start", "end", "quote")
NOTE_FIELDS = ("note", "notes", "comment")
_RECORD_CLASS = {"effects": Effect, "sample_sizes": SampleSize, "designs": Design,
                 "hedges": Hedge, "claims": Claim}
#: fields a gold record must have, beyond start/end/quote
REQUIRED = {
    "effects": ("measure", "value"),
    "sample_sizes": ("n",),
    "designs": ("design",),
    "hedges": (),
    "claims": ("strength",),
}
#: record fields a gold file may carry: the record's own fields (not ``text``: the
#: gold file says ``quote``), plus free-text notes
ALLOWED = {
    kind: tuple(SPAN_FIELDS) + tuple(f for f in field_names(cls) if f not in ("start", "end", "text"))
    + NOTE_FIELDS
    for kind, cls in _RECORD_CLASS.items()
}
DOC_FIELDS = ("doc_id", "style") + tuple(
    f for f in field_names(DocumentRecord) if f not in ("doc_id", "text")) + NOTE_FIELDS
#: field -> allowed values (None is always allowed where the record allows it)
VOCABULARIES = {
    "measure": MEASURES, "design": DESIGNS, "population": POPULATIONS, "strength": STRENGTHS,
    "category": HEDGE_CATEGORIES, "p_relation": P_RELATIONS, "section": SECTIONS,
    "main_design": DESIGNS, "main_population": POPULATIONS, "strongest_claim": STRENGTHS,
    "bound": ("lower", "upper"),
}
LIST_VOCABULARIES = {"reasons": OVERCLAIM_REASONS, "flags": EFFECT_FLAGS, "also": DESIGNS}
NUMBER_FIELDS = ("value", "ci_low", "ci_high", "ci_level", "p_value", "p_from_ci")
BOOL_FIELDS = ("adjusted", "pooled", "crude", "generic", "on_claim", "hedged", "overclaim",
               "hypothesis")
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


# --- checking -------------------------------------------------------------------

def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_value(name: str, value, report) -> None:
    if value is None:
        return
    if name in VOCABULARIES and value not in VOCABULARIES[name]:
        report(f"unknown {name} {value!r}; use one of {', '.join(VOCABULARIES[name])}")
    elif name in LIST_VOCABULARIES:
        if not isinstance(value, list):
            report(f"{name} must be a list")
            return
        for item in value:
            if item not in LIST_VOCABULARIES[name]:
                report(f"unknown {name[:-1] if name.endswith('s') else name} {item!r}; "
                       f"use one of {', '.join(LIST_VOCABULARIES[name])}")
    elif name in NUMBER_FIELDS and not _is_number(value):
        report(f"{name} must be a number or null, not {value!r}")
    elif name in BOOL_FIELDS and not isinstance(value, bool):
        report(f"{name} must be true or false, not {value!r}")
    elif name == "year" and not (isinstance(value, int) and not isinstance(value, bool)
                                 and 1700 <= value <= 2100):
        report(f"year must be a four-digit year or null, not {value!r}")
    elif name == "n" and not (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        report(f"n must be a positive whole number, not {value!r}")
    elif name == "explanations" and not isinstance(value, dict):
        report("explanations must be an object (reason -> text)")


def _find_quote(text: str, quote: str, near: int) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``text``, the occurrence nearest ``near``."""
    best = None
    for m in re.finditer(re.escape(quote), text):
        if best is None or abs(m.start() - near) < abs(best - near):
            best = m.start()
    return None if best is None else (best, best + len(quote))


def check_document(gold: GoldDocument, text: str | None) -> list[Problem]:
    """Problems in one gold file; ``text`` is the article (None when unknown)."""
    problems: list[Problem] = []
    path = str(gold.path)

    def add(line: int, message: str, severity: str = "error") -> None:
        problems.append(Problem(path, line, message, severity))

    data = gold.data
    if not gold.doc_id:
        add(1, "no \"doc_id\": name the article the file is about")
    elif Path(gold.doc_id).stem != gold.path.stem:
        add(gold.line("doc_id"), f"file name {gold.path.name!r} does not match doc_id {gold.doc_id!r} "
            f"(expected {Path(gold.doc_id).stem}.json)")
    for key, value in data.items():
        line = gold.line(key)
        if key in SPAN_KINDS:
            if not isinstance(value, list):
                add(line, f"{key} must be a list of records")
            continue
        if key not in DOC_FIELDS:
            add(line, f"unknown field {key!r}; document fields are {', '.join(DOC_FIELDS)} "
                f"and the lists {', '.join(SPAN_KINDS)}")
            continue
        _check_value(key, value, lambda message, line=line: add(line, message))

    for kind in SPAN_KINDS:
        raw = data.get(kind) or []
        if not isinstance(raw, list):
            continue
        seen: dict[tuple[int, int], int] = {}
        for index, record in enumerate(raw):
            line = gold.line(kind, index)
            where = f"{kind}[{index}]"
            if not isinstance(record, dict):
                add(line, f"{where}: each record is a JSON object")
                continue

            def report(message: str, severity: str = "error", line=line, where=where) -> None:
                add(line, f"{where}: {message}", severity)

            for name in SPAN_FIELDS + REQUIRED[kind]:
                if name not in record:
                    report(f"missing {name!r}")
            for name, value in record.items():
                if name not in ALLOWED[kind]:
                    hint = "; gold files say \"quote\"" if name == "text" else ""
                    report(f"unknown field {name!r} for {kind}{hint}")
                else:
                    _check_value(name, value, report)
            start, end, quote = record.get("start"), record.get("end"), record.get("quote")
            ints = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
            if ("start" in record or "end" in record) and not ints:
                report("start and end must be whole numbers (character offsets)")
            elif ints and not 0 <= start < end:
                report(f"start {start} and end {end}: need 0 <= start < end")
            elif ints:
                if (start, end) in seen:
                    report(f"the same span {start}-{end} as {kind}[{seen[(start, end)]}]")
                seen[(start, end)] = index
                if text is not None and isinstance(quote, str):
                    if end > len(text):
                        report(f"end {end} is past the end of the article ({len(text)} characters)")
                    elif text[start:end] != quote:
                        found = _find_quote(text, quote, start)
                        hint = (f"; the quote is at {found[0]}-{found[1]}" if found
                                else "; the quote is not in the article")
                        report(f"offsets {start}-{end} give {text[start:end]!r}, not the quote "
                               f"{quote!r}{hint}")
            if quote is not None and not isinstance(quote, str):
                report("quote must be a string")
            elif isinstance(quote, str) and quote != quote.strip():
                report("quote starts or ends with whitespace; trim the span", "warning")
            _check_record(kind, record, report)
    _check_hedged_claims(gold, problems)
    return problems


def _check_record(kind: str, record: dict, report) -> None:
    if kind == "effects":
        low, high = record.get("ci_low"), record.get("ci_high")
        if _is_number(low) and _is_number(high) and low > high:
            report(f"ci_low {low} is above ci_high {high}; write the interval low-high "
                   "(an interval written upper limit first is still stored low-high)")
        if (low is None) != (high is None):
            report("give both ci_low and ci_high, or neither")
    if kind == "claims":
        reasons = record.get("reasons") or []
        if reasons and record.get("overclaim") is not True:
            report("reasons without overclaim: set \"overclaim\": true or empty the reasons")
        if record.get("overclaim") is True and not reasons:
            report("overclaim without reasons: say why (e.g. \"causal_from_observational\")")
        explanations = record.get("explanations")
        if isinstance(explanations, dict):
            for code in explanations:
                if code not in reasons:
                    report(f"explanation for {code!r}, which is not among the reasons")


def _check_hedged_claims(gold: GoldDocument, problems: list[Problem]) -> None:
    """A claim marked hedged should hold a hedge cue (a warning: cues may be unannotated)."""
    hedges = [h for h in gold.records("hedges")
              if isinstance(h.get("start"), int) and isinstance(h.get("end"), int)]
    for index, claim in enumerate(gold.records("claims")):
        if claim.get("hedged") is True and isinstance(claim.get("start"), int) \
                and isinstance(claim.get("end"), int):
            inside = any(claim["start"] <= h["start"] and h["end"] <= claim["end"] for h in hedges)
            if not inside:
                problems.append(Problem(str(gold.path), gold.line("claims", index),
                                        f"claims[{index}]: marked hedged, but no hedge cue is "
                                        "annotated inside it", "warning"))


def check_gold(folder: Path, corpus: Path | None = None) -> list[Problem]:
    """Every problem in a gold folder (and, given the corpus, against the articles).

    Returns problems sorted by file and line; an empty list means the folder is valid.
    Raises :class:`GoldError` only when the folder itself cannot be used.
    """
    problems: list[Problem] = []
    texts = read_corpus(corpus) if corpus is not None else None
    by_id: dict[str, GoldDocument] = {}
    broken: set[str] = set()          # stems of files that do not parse
    for path in gold_files(folder):
        try:
            gold = read_gold_file(path)
        except GoldError as exc:
            broken.add(path.stem)
            location, _, message = str(exc).partition(": ")
            file, _, line = location.rpartition(":")
            problems.append(Problem(file, int(line) if line.isdigit() else 1, message))
            continue
        if gold.doc_id and gold.doc_id in by_id:
            problems.append(Problem(str(path), gold.line("doc_id"),
                                    f"doc_id {gold.doc_id!r} is also used by {by_id[gold.doc_id].path}"))
            continue
        if gold.doc_id:
            by_id[gold.doc_id] = gold
        text = None
        if texts is not None and gold.doc_id:
            text = texts.get(gold.doc_id)
            if text is None:
                problems.append(Problem(str(path), gold.line("doc_id"),
                                        f"article {gold.doc_id!r} is not in the corpus {corpus}"))
        problems.extend(check_document(gold, text))
    if texts is not None:
        for doc_id in sorted(set(texts) - set(by_id)):
            if Path(doc_id).stem in broken:
                continue
            problems.append(Problem(str(Path(corpus) / doc_id), 1,
                                    f"article has no gold file (expected {Path(doc_id).stem}.json "
                                    f"in {folder})"))
    return sorted(problems, key=lambda p: (p.path, p.line))


# --- writing ----------------------------------------------------------------------

def _ordered(record: dict, order: tuple[str, ...]) -> dict:
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
                rec = _ordered(record, FIELD_ORDER) if isinstance(record, dict) else record
                lines.append("    " + json.dumps(rec, ensure_ascii=False)
                             + ("," if j < len(value) - 1 else ""))
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_gold(folder: Path, documents: list[dict]) -> list[Path]:
    """Write one ``<stem>.json`` per document into ``folder``; returns the paths."""
    from evx.output import atomic_write_text
    folder = Path(folder)
    paths = []
    for data in documents:
        path = folder / Path(data["doc_id"]).with_suffix(".json")
        atomic_write_text(path, dump_gold(data))
        paths.append(path)
    return paths


def _texts_for(gold: dict[str, GoldDocument], corpus: Path | None) -> dict[str, str]:
    if corpus is None:
        raise GoldError("the article texts are needed: give --corpus DIR (the folder the gold is about)")
    texts = read_corpus(corpus)
    missing = sorted(set(gold) - set(texts))
    if missing:
        raise GoldError(f"{corpus}: has no article for {', '.join(missing[:5])}"
                        f"{' ...' if len(missing) > 5 else ''}; check --corpus")
    return texts


# --- BRAT standoff --------------------------------------------------------------------

BRAT_TYPES = {"effects": "Effect", "sample_sizes": "SampleSize", "designs": "Design",
              "hedges": "Hedge", "claims": "Claim"}
BRAT_KINDS = {v: k for k, v in BRAT_TYPES.items()}
DOCUMENT_TYPE = "Document"
#: record field -> (BRAT attribute, values or None for a binary attribute), per entity type
BRAT_ATTRIBUTES = {
    "effects": {"measure": ("Measure", MEASURES), "adjusted": ("Adjusted", None),
                "pooled": ("Pooled", None)},
    "sample_sizes": {"bound": ("Bound", ("lower", "upper"))},
    "designs": {"design": ("DesignType", DESIGNS), "population": ("Population", POPULATIONS),
                "generic": ("Generic", None)},
    "hedges": {"category": ("Category", HEDGE_CATEGORIES), "on_claim": ("OnClaim", None)},
    "claims": {"strength": ("Strength", STRENGTHS), "hedged": ("Hedged", None),
               "overclaim": ("Overclaim", None), "hypothesis": ("Hypothesis", None)},
    "document": {"main_design": ("MainDesign", DESIGNS),
                 "main_population": ("MainPopulation", POPULATIONS)},
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
        lists[kind].append(_ordered(record, FIELD_ORDER))
    for kind in SPAN_KINDS:
        lists[kind].sort(key=lambda r: (r["start"], r["end"]))
        data[kind] = lists[kind]
    return data


BRAT_CONF = """# evx gold annotation scheme (see docs/gold-format.md)
[entities]
Document
Effect
SampleSize
Design
Hedge
Claim
[relations]
[events]
[attributes]
"""


def _brat_conf() -> str:
    lines = [BRAT_CONF.rstrip("\n")]
    for kind, attrs in BRAT_ATTRIBUTES.items():
        etype = DOCUMENT_TYPE if kind == "document" else BRAT_TYPES[kind]
        for attribute, values in attrs.values():
            lines.append(f"{attribute}\tArg:{etype}" + (f", Value:{'|'.join(values)}" if values else ""))
    for reason in OVERCLAIM_REASONS:
        lines.append(f"{reason}\tArg:Claim")
    return "\n".join(lines) + "\n"


def export_brat(gold_folder: Path, out_dir: Path, corpus: Path | None = None) -> list[Path]:
    """Write ``<stem>.txt`` + ``<stem>.ann`` per gold document and an ``annotation.conf``."""
    from evx.output import atomic_write_text
    gold = load_gold(gold_folder)
    texts = _texts_for(gold, corpus if corpus is not None else default_corpus(gold_folder))
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


# --- Prodigy JSONL -------------------------------------------------------------------

PRODIGY_LABELS = {"effects": "EFFECT", "sample_sizes": "SAMPLE_SIZE", "designs": "DESIGN",
                  "hedges": "HEDGE", "claims": "CLAIM"}
PRODIGY_KINDS = {v: k for k, v in PRODIGY_LABELS.items()}


def gold_to_prodigy(data: dict, text: str) -> dict:
    spans = []
    for kind in SPAN_KINDS:
        for record in data.get(kind) or []:
            attrs = {k: v for k, v in record.items() if k not in SPAN_FIELDS}
            spans.append({"start": record["start"], "end": record["end"],
                          "label": PRODIGY_LABELS[kind], "attrs": attrs})
    spans.sort(key=lambda s: (s["start"], s["end"], s["label"]))
    meta = {k: v for k, v in data.items() if k not in SPAN_KINDS}
    return {"text": text, "spans": spans, "meta": meta}


def prodigy_to_gold(task: dict, source: str = "<jsonl>") -> dict:
    meta = task.get("meta") or {}
    text = task.get("text")
    if not isinstance(text, str):
        raise GoldError(f"{source}: no \"text\"")
    if not meta.get("doc_id"):
        raise GoldError(f"{source}: no \"meta\": {{\"doc_id\": ...}}; evx needs to know the article")
    data = dict(meta)
    lists: dict[str, list[dict]] = {kind: [] for kind in SPAN_KINDS}
    for span in task.get("spans") or []:
        label = span.get("label")
        if label not in PRODIGY_KINDS:
            raise GoldError(f"{source}: unknown span label {label!r}; use {', '.join(PRODIGY_KINDS)}")
        start, end = span["start"], span["end"]
        record = {"start": start, "end": end, "quote": text[start:end], **(span.get("attrs") or {})}
        lists[PRODIGY_KINDS[label]].append(_ordered(record, FIELD_ORDER))
    for kind in SPAN_KINDS:
        data[kind] = sorted(lists[kind], key=lambda r: (r["start"], r["end"]))
    return data


def export_prodigy(gold_folder: Path, out_file: Path, corpus: Path | None = None) -> int:
    """One Prodigy task per gold document in ``out_file``; returns how many."""
    from evx.output import atomic_write_text
    gold = load_gold(gold_folder)
    texts = _texts_for(gold, corpus if corpus is not None else default_corpus(gold_folder))
    lines = [json.dumps(gold_to_prodigy(document.data, texts[doc_id]), ensure_ascii=False)
             for doc_id, document in sorted(gold.items())]
    atomic_write_text(Path(out_file), "".join(line + "\n" for line in lines))
    return len(lines)


def import_prodigy(jsonl: Path, out_folder: Path) -> list[Path]:
    """Gold files from Prodigy-style JSONL (rejected or ignored tasks are skipped)."""
    jsonl = Path(jsonl)
    if not jsonl.is_file():
        raise GoldError(f"{jsonl}: no such file; give a Prodigy JSONL export")
    documents = []
    for number, line in enumerate(jsonl.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            task = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{jsonl}:{number}: not valid JSON ({exc.msg})") from exc
        if task.get("answer") in ("reject", "ignore"):
            continue
        documents.append(prodigy_to_gold(task, f"{jsonl}:{number}"))
    return write_gold(out_folder, documents)

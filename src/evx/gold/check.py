"""Checking gold files: labels, fields, offsets against the article, consistency rules.

:func:`check_gold` checks a folder (and, given the corpus, every offset against the
article text); :func:`check_document` one file. Every problem is a :class:`Problem`
printed as ``file:line: message``; what is checked is listed in ``docs/gold-format.md``.

Field names, vocabularies and which fields are numbers or booleans come from the record
classes of :mod:`evx.records`; only what a gold file adds (``quote``, notes) and what it
must give (:data:`REQUIRED`) is stated here.
"""
from __future__ import annotations

import re
from pathlib import Path

from evx.errors import GoldError
from evx.gold.files import (
    NOTE_FIELDS, SPAN_FIELDS, GoldDocument, Problem, gold_files, read_corpus, read_gold_file,
)
from evx.records import (
    FIELD_VOCABULARIES, LIST_FIELD_VOCABULARIES, SPAN_KINDS, SPAN_RECORDS, DocumentRecord,
    field_names, fields_of_type,
)

#: exit status of ``evx gold check`` when at least one problem was found (0 when none,
#: 1 for a usage error such as a missing folder)
EXIT_GOLD_PROBLEMS = 2

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
    for kind, cls in SPAN_RECORDS.items()
}
DOC_FIELDS = ("doc_id", "style") + tuple(
    f for f in field_names(DocumentRecord) if f not in ("doc_id", "text")) + NOTE_FIELDS


def _typed_fields(annotation: type) -> tuple[str, ...]:
    """Fields of the span records and the document record annotated ``annotation`` (or
    ``annotation | None``), each once."""
    classes = (*SPAN_RECORDS.values(), DocumentRecord)
    return tuple(dict.fromkeys(f for cls in classes for f in fields_of_type(cls, annotation)))


#: fields whose values are numbers (``float`` in the records) and booleans (``bool``)
NUMBER_FIELDS = _typed_fields(float)
BOOL_FIELDS = _typed_fields(bool)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_value(name: str, value, report) -> None:
    if value is None:
        return
    if name in FIELD_VOCABULARIES and value not in FIELD_VOCABULARIES[name]:
        report(f"unknown {name} {value!r}; use one of {', '.join(FIELD_VOCABULARIES[name])}")
    elif name in LIST_FIELD_VOCABULARIES:
        if not isinstance(value, list):
            report(f"{name} must be a list")
            return
        for item in value:
            if item not in LIST_FIELD_VOCABULARIES[name]:
                report(f"unknown {name[:-1] if name.endswith('s') else name} {item!r}; "
                       f"use one of {', '.join(LIST_FIELD_VOCABULARIES[name])}")
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

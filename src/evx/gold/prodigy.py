"""Prodigy-style JSONL (https://prodi.gy/docs/api-interfaces#spans) to and from gold.

One task per article: ``{"text", "spans": [{"start", "end", "label", "attrs"}],
"meta": {"doc_id", ...}}``. :func:`export_prodigy` writes a gold folder as one JSONL file
(it needs the article texts); :func:`import_prodigy` reads one back, skipping tasks
answered ``"reject"`` or ``"ignore"``. The span labels are defined here.
"""
from __future__ import annotations

import json
from pathlib import Path

from evx.errors import GoldError
from evx.gold.files import FIELD_ORDER, SPAN_FIELDS, load_with_texts, ordered, write_gold
from evx.output import atomic_write_text
from evx.records import SPAN_KINDS

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
        lists[PRODIGY_KINDS[label]].append(ordered(record, FIELD_ORDER))
    for kind in SPAN_KINDS:
        data[kind] = sorted(lists[kind], key=lambda r: (r["start"], r["end"]))
    return data


def export_prodigy(gold_folder: Path, out_file: Path, corpus: Path | None = None) -> int:
    """One Prodigy task per gold document in ``out_file``; returns how many."""
    gold, texts = load_with_texts(gold_folder, corpus)
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

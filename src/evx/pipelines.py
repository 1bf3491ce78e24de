"""The named pipelines and what sets them apart (no spaCy here: the CLI and the batch planner read it).

- ``accurate`` (the default): claim strength from the fine-tuned sentence encoder shipped inside
  evx (``models/claims/encoder/``, run with onnxruntime), a wider claim-candidate filter, and
  headlines kept as candidates; the main design from the classifier over the design rules
  (``models/designs/main_design.json``, docs/main-study.md).
- ``fast``: rules and linear models only, for corpus-scale runs; the main design from the rules.

Both write the same files and fields; ``produced_by`` names the model that gave each answer.
"""
from __future__ import annotations

# pipeline name -> component name -> the component config that differs from the factory default
PIPELINES: dict[str, dict[str, dict]] = {
    "accurate": {"evx_claims": {"model": "encoder"}, "evx_designs": {"main_model": "linear"}},
    "fast": {"evx_claims": {"model": "linear"}, "evx_designs": {"main_model": "rules"}},
}
DEFAULT_PIPELINE = "accurate"


def check_pipeline(name: str) -> str:
    if name not in PIPELINES:
        raise ValueError(f"unknown pipeline {name!r}; choose one of {', '.join(PIPELINES)}")
    return name

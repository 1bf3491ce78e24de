"""The strength of candidate claim sentences, read by one of two models.

- ``linear`` (the fast pipeline): the logistic regression of :mod:`evx.claims.model`, one
  sentence at a time, corrected by the one rule its training data does not teach
  (:func:`evx.claims.rules.risk_change_statement`).
- ``encoder`` (the accurate pipeline, the default): the fine-tuned MiniLM of
  :mod:`evx.claims.encoder`, all the candidates of a document at once, corrected by the same
  rule in its verb form only ("increased the risk by 51%", not "23 percent lower in women":
  on the hand-read dev releases the bare comparison was read as correlational).

Both answer on the scale ``none`` < ``correlational`` < ``conditional_causal`` <
``direct_causal`` and say what produced each answer; ``none`` means the sentence is not a claim.
"""
from __future__ import annotations

from evx.claims import rules as claim_rules
from evx.claims.model import load_model

MODELS = ("encoder", "linear")


def _with_rule(strength: str, produced_by: str, sentence: str, verb_only: bool = False) -> tuple[str, str]:
    if strength in ("none", "correlational") and claim_rules.risk_change_statement(sentence, verb_only):
        return "direct_causal", produced_by + "+rule:risk_change_verb"
    return strength, produced_by


class LinearStrength:
    """The bag-of-words classifier (``models/claims/strength.json``)."""

    name = "linear"

    def __init__(self, model=None):
        self.model = model or load_model()

    def read(self, sentences: list[str], marker: str | None = None) -> list[tuple[str, str]]:
        out = []
        for sentence in sentences:
            strength, _ = self.model.predict(sentence)
            out.append(_with_rule(strength, self.model.produced_by, sentence))
        return out


class EncoderStrength:
    """The fine-tuned sentence encoder (``models/claims/encoder/``)."""

    name = "encoder"

    def __init__(self, model=None):
        from evx.claims.encoder import load_encoder
        self.model = model or load_encoder()

    def read(self, sentences: list[str], marker: str | None = None) -> list[tuple[str, str]]:
        from evx.claims.encoder import marker_for
        predicted = self.model.predict(sentences, marker or marker_for("news"))
        return [_with_rule(strength, self.model.produced_by, sentence, verb_only=True)
                for sentence, (strength, _) in zip(sentences, predicted)]


def at_least_a_finding(strength: str, produced_by: str) -> tuple[str, str]:
    """A sentence that reports a ratio estimate compares groups, so it states at least an
    association: ``none`` becomes ``correlational`` (docs/gold-format.md, "The strength of a claim";
    the one such sentence in Yu et al.'s dev split is labelled so too). The accurate pipeline only,
    whose candidates include every sentence holding an estimate of ``evx_effects``."""
    if strength == "none":
        return "correlational", produced_by + "+rule:reports_estimate"
    return strength, produced_by


def strength_reader(model: str):
    """The reader for ``model`` (one of :data:`MODELS`); the encoder is loaded once per process."""
    if model == "linear":
        return LinearStrength()
    if model == "encoder":
        return EncoderStrength()
    raise ValueError(f"unknown claim-strength model {model!r}; choose one of {', '.join(MODELS)}")

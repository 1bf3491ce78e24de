"""Counts of true and false positives and negatives, as in spaCy's ``PRFScore``."""
from __future__ import annotations


class PRFScore:
    """True and false positives and negatives, as in spaCy's ``PRFScore``."""

    def __init__(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp, self.fp, self.fn = tp, fp, fn

    def __iadd__(self, other: "PRFScore") -> "PRFScore":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def score_set(self, cand: set, gold: set) -> None:
        self.tp += len(cand & gold)
        self.fp += len(cand - gold)
        self.fn += len(gold - cand)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def fscore(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def empty(self) -> bool:
        return self.tp + self.fp + self.fn == 0

    def to_dict(self) -> dict:
        return {"p": self.precision, "r": self.recall, "f": self.fscore,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def prf(n_gold: int, n_pred: int, n_match: int) -> PRFScore:
    """The score of ``n_match`` one-to-one matches between ``n_gold`` and ``n_pred`` items."""
    return PRFScore(tp=n_match, fp=n_pred - n_match, fn=n_gold - n_match)


def macro_f1(gold: list[str], pred: list[str], labels) -> float:
    """The mean over ``labels`` of each label's F1 (0 for a label never predicted right), for
    parallel lists of gold and predicted labels."""
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        fp = sum(g != label and p == label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)

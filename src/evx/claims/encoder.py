"""The learned claim-strength model at run time: a fine-tuned MiniLM sentence encoder in ONNX.

``scripts/train_claim_encoder.py`` fine-tunes all-MiniLM-L6-v2 on the claims ``dev`` data,
distils it on the dev press releases, and exports it to ``models/claims/encoder/`` (an int8
``model.onnx``, the WordPiece ``tokenizer.json`` and ``card.json``). Here it runs with
onnxruntime on one thread and the ``tokenizers`` library: no torch, no hub access. The
candidate sentences of a document are tokenised in one batch and scored one by one.

The input is the sentence after a source marker (:data:`MARKERS`): the model was trained on
conclusion sentences of abstracts and on press-release openings, and scores each style best
when told which it reads. :func:`marker_for` picks it for a document.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from evx.errors import ResourceError
from evx.records import CAUSAL_STRENGTHS, STRENGTHS
from evx.resource import check_keys, read_json

MODEL_DIR = ("models", "claims", "encoder")
MAX_TOKENS = 96
MARKERS = {"pubmed-conclusions": "abstract conclusion:", "press-release-openings": "press release:"}


def marked(sentence: str, marker: str) -> str:
    """The model's input for ``sentence`` written in the style that ``marker`` names."""
    return f"{marker} {sentence}"


def marker_for(genre: str) -> str:
    """The marker for a document: papers' abstracts read as conclusions, all else as a release."""
    return MARKERS["pubmed-conclusions" if genre == "paper" else "press-release-openings"]


@dataclass
class EncoderModel:
    """The exported classifier: ``probabilities`` for many sentences at once."""

    session: object
    tokenizer: object
    classes: tuple[str, ...]
    name: str
    version: str
    causal_shift: float = 0.0      # added to the causal classes' log-probabilities before the argmax

    def __post_init__(self):
        self._log_shift = np.array([self.causal_shift if c in CAUSAL_STRENGTHS else 0.0 for c in self.classes])

    @property
    def produced_by(self) -> str:
        return f"model:{self.name}@{self.version}"

    def probabilities(self, sentences: list[str], marker: str) -> np.ndarray:
        """(sentences, classes) probabilities.

        One sentence per run, unpadded: on one core that is faster than padded batches (416
        against 338 sentences per CPU-second at 16 a batch, on dev press releases), and each
        sentence's answer depends on that sentence alone, not on the others in its document
        (int8 activations are scaled per run)."""
        out = np.zeros((len(sentences), len(self.classes)), dtype=np.float32)
        for i, encoding in enumerate(self.tokenizer.encode_batch([marked(s, marker) for s in sentences])):
            ids = np.asarray([encoding.ids], dtype=np.int64)
            logits = self.session.run(["logits"], {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
            probs = np.exp(logits - logits.max())
            out[i] = probs / probs.sum()
        return out

    def predict(self, sentences: list[str], marker: str) -> list[tuple[str, float]]:
        """The most probable strength of each sentence and its probability, the causal classes'
        log-probabilities raised by the card's ``causal_shift`` (a decision threshold chosen on the
        hand-read dev releases, where the model under-reads causal claims)."""
        probs = self.probabilities(sentences, marker)
        best = (np.log(np.maximum(probs, 1e-12)) + self._log_shift).argmax(axis=1)
        return [(self.classes[b], float(p[b])) for b, p in zip(best, probs)]


def available() -> bool:
    """Whether the encoder and its run-time libraries are installed."""
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        return False
    return resources.files("evx").joinpath(*MODEL_DIR, "model.onnx").is_file()


@lru_cache(maxsize=1)
def load_encoder() -> EncoderModel:
    where = "/".join(MODEL_DIR)
    try:
        import onnxruntime as ort
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ResourceError(f"{where}: the accurate pipeline needs onnxruntime and tokenizers "
                            f"({exc.name} is missing); reinstall evx, or use --pipeline fast") from exc
    card = read_json(*MODEL_DIR, "card.json")
    check_keys(f"{where}/card.json", card, ("format", "name", "version", "classes", "markers", "max_tokens"),
               ("base", "pooling", "quantisation", "training", "recipe", "sha256", "figures", "causal_shift"))
    if card["format"] != "evx-onnx-classifier":
        raise ResourceError(f"{where}/card.json: format {card['format']!r}, expected 'evx-onnx-classifier'")
    if tuple(card["classes"]) != STRENGTHS or card["markers"] != MARKERS or card["max_tokens"] != MAX_TOKENS:
        raise ResourceError(f"{where}/card.json: classes, markers or max_tokens differ from "
                            "evx.claims.encoder; re-export with scripts/train_claim_encoder.py")
    folder = resources.files("evx").joinpath(*MODEL_DIR)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    try:
        with resources.as_file(folder.joinpath("model.onnx")) as path:
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        with resources.as_file(folder.joinpath("tokenizer.json")) as path:
            tokenizer = Tokenizer.from_file(str(path))
    except Exception as exc:  # onnxruntime raises its own exception types
        raise ResourceError(f"{where}: cannot load the model ({exc}); reinstall evx") from exc
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    shift = card.get("causal_shift", 0.0)
    if not isinstance(shift, (int, float)) or isinstance(shift, bool) or not 0 <= shift <= 5:
        raise ResourceError(f"{where}/card.json: causal_shift must be a number from 0 to 5, not {shift!r}")
    return EncoderModel(session=session, tokenizer=tokenizer, classes=tuple(card["classes"]),
                        name=card["name"], version=card["version"], causal_shift=float(shift))

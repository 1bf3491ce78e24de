"""``evx_claims``: claim sentences, their strength, and overclaim flags.

Runs last, after ``evx_effects``, ``evx_designs`` and ``evx_hedges``, and reads
only their records. The sentences outside the references that hold relation
wording (one compiled scan of the text with the cue lexicon, :mod:`evx.claims.cues`)
are the candidates; a strength model (:mod:`evx.claims.strength`) reads them on
the scale ``none`` < ``correlational`` < ``conditional_causal`` < ``direct_causal``,
and those it reads as ``none`` are not claims. Two models, set by the component's
``model`` config: ``encoder`` (the accurate pipeline: a fine-tuned sentence encoder
run with onnxruntime on all the candidates of a document in batches, with a wider
candidate filter, headlines kept, and every sentence holding a ratio estimate of
``evx_effects`` a candidate too, relation wording or not) and ``linear`` (the fast pipeline: the
bag-of-words classifier of :mod:`evx.claims.model`). Each claim gets its evidence
(the study named in it, else the article's main design), whether it is framed as a
hypothesis, and the overclaim checks of :mod:`evx.claims.rules` (Sumner et al. 2014).
The per-article summary (:mod:`evx.claims.summary`) is written to
``doc._.evx_summary``.
"""
from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc

from evx.claims import rules as claim_rules
from evx.claims.encoder import marker_for
from evx.claims.hypotheses import under_hypothesis_heading
from evx.claims.overclaims import article_context, judge
from evx.claims.sentences import (  # noqa: F401  (sentence_strength, is_claim_shaped: public here too)
    candidate_pattern, candidate_sentences, is_claim_shaped, sentence_strength, sentences_holding)
from evx.claims.strength import MODELS, at_least_a_finding, strength_reader
from evx.claims.summary import summarise
from evx.designs.main_study import evidence_of
from evx.nlp.extensions import doc_text, mapping, records, require, summary
from evx.nlp.sections import section_at
from evx.nlp.sentences import sentence_table
from evx.records import Claim
from evx.text.lines import as_one_line

DEFAULT_MODEL = "encoder"


def genre_of(doc: Doc) -> str:
    """``paper`` for a scientific article (JATS XML), else ``news``: which style the encoder reads."""
    return "paper" if mapping(doc, "evx_meta").get("format") == "jats" else "news"


def untold_level(article) -> int | None:
    """The evidence level of a main study whose design the text does not tell, by the design its
    wording suggests (``main_design_untold``): a study is reported, so the score does not count it
    as no study at all."""
    if article.main_design_untold is None:
        return None
    return evidence_of(article.main_design_untold, article.main_population)[0]


class ClaimFinder:
    """The component: candidates, their strength from ``model`` (one of
    :data:`evx.claims.strength.MODELS`), and the overclaim checks on the claims."""

    def __init__(self, model: str = DEFAULT_MODEL):
        if model not in MODELS:
            raise ValueError(f"evx_claims: model {model!r} is not one of {', '.join(MODELS)}")
        self.model = model
        self.pattern = candidate_pattern(model)
        self.headlines = model == "encoder"
        self.estimates = model == "encoder"
        self._reader = None

    @property
    def reader(self):
        if self._reader is None:            # loaded on first use, so that building a pipeline is cheap
            self._reader = strength_reader(self.model)
        return self._reader

    def __call__(self, doc: Doc) -> Doc:
        require(doc, "evx_claims", "sentences", "evx_sections", "evx_effects", "evx_designs", "evx_hedges")
        found = records(doc, "evx_claims")
        article = summary(doc)
        text = doc_text(doc)   # spaCy rebuilds doc.text from the tokens on each access
        sentences = sentence_table(doc)
        kept = []
        spans = candidate_sentences(text, sentences, self.pattern)
        reporting = set()
        if self.estimates:      # a sentence reporting a ratio estimate is a finding, whatever its verbs
            reporting = set(sentences_holding(text, sentences, [e.start for e in records(doc, "evx_effects")]))
            spans = sorted(set(spans) | reporting)
        for start, end in spans:
            section = section_at(doc, start)
            if section == "references":
                continue
            wording = as_one_line(text[start:end])
            if is_claim_shaped(wording, headlines=self.headlines):
                kept.append((start, end, section, wording))
        strengths = self.reader.read([k[3] for k in kept], marker_for(genre_of(doc))) if kept else []
        strengths = [at_least_a_finding(*s) if (k[0], k[1]) in reporting else s for k, s in zip(kept, strengths)]
        claims = [(k, s) for k, s in zip(kept, strengths) if s[0] != "none"]
        if claims:
            hedges = sorted((h for h in records(doc, "evx_hedges") if h.on_claim), key=lambda h: h.start)
            hedge_starts = [h.start for h in hedges]
            body_designs = [d for d in records(doc, "evx_designs") if d.section != "references"]
            ctx = article_context(text, body_designs, list(records(doc, "evx_effects")), article.main_design,
                                  sentences)
        for (start, end, section, wording), (strength, produced_by) in claims:
            j = bisect.bisect_left(hedge_starts, start)
            hedged = j < len(hedge_starts) and hedge_starts[j] < end
            evidence, named = claim_rules.evidence_for(start, end, ctx)
            claim = Claim(start=start, end=end, text=text[start:end], strength=strength, hedged=hedged,
                          overclaim=False, evidence=evidence,
                          hypothesis=(claim_rules.framed_as_hypothesis(wording)
                                      or under_hypothesis_heading(text, start)),
                          section=section, produced_by=produced_by)
            judge(claim, named, ctx, claim_rules.in_span(start, end, ctx.effects))
            found.append(claim)
        designs = records(doc, "evx_designs")
        article.update(summarise(
            found, text, evidence_level=article.evidence_level or untold_level(article),
            rct_named=any(d.design == "rct" and d.section != "references" for d in designs),
            sample_sizes=len(records(doc, "evx_sample_sizes"))))
        return doc


def find_claims(doc: Doc, model: str = "linear") -> Doc:
    """The component on one document (the fast pipeline's model unless told otherwise)."""
    return _finder(model)(doc)


_FINDERS: dict[str, ClaimFinder] = {}


def _finder(model: str) -> ClaimFinder:
    if model not in _FINDERS:
        _FINDERS[model] = ClaimFinder(model)
    return _FINDERS[model]


@Language.factory("evx_claims", default_config={"model": DEFAULT_MODEL},
                  requires=["token.is_sent_start", "doc._.evx_sections", "doc._.evx_effects",
                            "doc._.evx_designs", "doc._.evx_hedges"],
                  assigns=["doc._.evx_claims", "doc._.evx_summary"])
def make_claims(nlp: Language, name: str, model: str):
    """``model``: ``encoder`` (the accurate pipeline, default) or ``linear`` (the fast one)."""
    return _finder(model)

"""The evx pipelines: blank English, evx's sentence splitter and five components.

Two named pipelines (:mod:`evx.pipelines`) differ only in their models: ``accurate`` (the
default) reads claim strength with a fine-tuned sentence encoder shipped inside evx and run
with onnxruntime; ``fast`` keeps rules and linear models for corpus-scale runs. Neither needs
a spaCy model, and nothing is downloaded. :func:`build_pipeline` is the one
place a pipeline is built (the CLI, the batch workers, tests, benchmarks and training scripts
all use it); :func:`shared_pipeline` keeps one per set of components for repeated calls such as
:func:`evx.extract_text`. Every component is also available on its own through spaCy's
``spacy_factories`` entry point::

    nlp = spacy.blank("en")
    nlp.add_pipe("evx_sentences")
    nlp.add_pipe("evx_sections")
    nlp.add_pipe("evx_effects")

Components declare what they ``require`` and ``assign`` (``nlp.analyze_pipes()`` shows it) and
raise :class:`~evx.errors.PipelineError` on a document where what they need was not set.
"""
from __future__ import annotations

import warnings
from functools import lru_cache

import spacy
from spacy.language import Language

import evx.claims.component  # noqa: F401  (registers the factories when evx is not pip-installed)
import evx.designs.component  # noqa: F401
import evx.effects.component  # noqa: F401
import evx.hedges.component  # noqa: F401
import evx.nlp.sections  # noqa: F401
import evx.nlp.sentences  # noqa: F401
from evx.nlp.extensions import register_extensions
from evx.nlp.tokenizer import GuardedTokenizer
from evx.pipelines import DEFAULT_PIPELINE, PIPELINES, check_pipeline  # noqa: F401  (public here too)

DEFAULT_COMPONENTS = ("evx_sentences", "evx_sections", "evx_effects", "evx_designs", "evx_hedges", "evx_claims")
EFFECT_COMPONENTS = ("evx_sentences", "evx_sections", "evx_effects")
HEDGE_COMPONENTS = ("evx_sentences", "evx_sections", "evx_hedges")
MAX_LENGTH = 50_000_000    # characters; evx's own limit is the runner's --max-chars



def build_pipeline(components: tuple[str, ...] = DEFAULT_COMPONENTS, pipeline: str = DEFAULT_PIPELINE) -> Language:
    """A fresh pipeline with the named components, in order, configured as ``pipeline``
    (one of :data:`evx.pipelines.PIPELINES`)."""
    configs = PIPELINES[check_pipeline(pipeline)]
    warnings.filterwarnings("ignore", category=FutureWarning, module="scispacy")
    register_extensions()
    nlp = spacy.blank("en")
    nlp.max_length = MAX_LENGTH
    nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
    for name in components:
        nlp.add_pipe(name, config=configs.get(name, {}))
    return nlp


@lru_cache(maxsize=8)
def shared_pipeline(components: tuple[str, ...] = DEFAULT_COMPONENTS, pipeline: str = DEFAULT_PIPELINE) -> Language:
    """One pipeline per set of components and pipeline name, built on first use and kept
    (components hold no per-document state)."""
    return build_pipeline(tuple(components), pipeline)

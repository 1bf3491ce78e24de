"""The default evx pipeline: blank English, evx's sentence splitter and four components.

No statistical model is needed, and nothing is downloaded. Every component is
also available on its own through spaCy's ``spacy_factories`` entry point::

    nlp = spacy.blank("en")
    nlp.add_pipe("evx_sentences")
    nlp.add_pipe("evx_effects")
"""
from __future__ import annotations

import warnings

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

DEFAULT_COMPONENTS = ("evx_sentences", "evx_sections", "evx_effects", "evx_designs", "evx_hedges", "evx_claims")


def build_pipeline(components: tuple[str, ...] = DEFAULT_COMPONENTS) -> Language:
    """A fresh pipeline with the named components, in order."""
    warnings.filterwarnings("ignore", category=FutureWarning, module="scispacy")
    register_extensions()
    nlp = spacy.blank("en")
    nlp.max_length = 50_000_000
    nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
    for name in components:
        nlp.add_pipe(name)
    return nlp

"""evx: evidence extraction for health writing.

>>> from evx import extract_text
>>> extract_text("Smokers had higher odds (OR 2.1, 95% CI 1.4-3.2).")["effects"][0]["value"]
2.1

``evx.load(DIR)`` reads the record files of a run into pandas DataFrames.
"""
__version__ = "0.1.0"


def extract_text(text: str, doc_id: str = "text", pipeline: str | None = None):
    """Records for one text, as ``{"documents": [row], "effects": [...], ...}`` (the pipeline is built
    once). ``pipeline``: ``accurate`` (the default: learned claim strength) or ``fast`` (rules and linear
    models)."""
    from evx.extract import extract_text as _extract_text
    return _extract_text(text, doc_id, pipeline=pipeline)


def load(out_dir):
    """The record files of the run in ``out_dir`` as pandas DataFrames keyed by kind."""
    from evx.tables import load as _load
    return _load(out_dir)


__all__ = ["__version__", "extract_text", "load"]

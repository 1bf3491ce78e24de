"""evx: evidence extraction for health writing.

>>> from evx import extract_text
>>> extract_text("Smokers had higher odds (OR 2.1, 95% CI 1.4-3.2).")["effects"][0]["value"]
2.1
"""
__version__ = "0.1.0"


def extract_text(text: str, doc_id: str = "text"):
    from evx.extract import extract_text as _extract_text
    return _extract_text(text, doc_id)


__all__ = ["__version__", "extract_text"]

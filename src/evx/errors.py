"""Errors evx raises. The CLI turns each into a one-line message and an exit code.

Exit codes (documented in the README):
  0  every document was read and processed
  1  usage error: a missing path, an unknown format, an empty folder, a bad option
  2  the run finished, but at least one document failed (see documents.jsonl)
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_DOCUMENT_FAILED = 2


class EvxError(Exception):
    """Something the user can fix; the message says what and how."""


class InputError(EvxError):
    """An input path or option that cannot be used (missing, empty, unknown format)."""


class DocumentError(EvxError):
    """One document that cannot be read; the batch goes on without it."""


class PipelineError(EvxError):
    """A spaCy pipeline built without a component another one needs."""


class ResourceError(EvxError):
    """A packaged resource or model file that is missing or malformed (a broken install or edit)."""


class GoldError(EvxError):
    """A gold file that does not agree with its article or the vocabularies."""

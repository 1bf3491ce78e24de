"""Gold files: loading, checking, and conversion to and from BRAT and Prodigy.

A gold folder holds one hand-written JSON file per article (``docs/gold-format.md``):
``doc_id``, document-level labels and one list per record kind, every span with
character offsets and the quoted text beside them.

* :mod:`evx.gold.files`: :func:`load_gold` reads a folder (recursively) into
  :class:`GoldDocument` objects, keeping the line of every record so problems can be
  reported as ``file:line``; :func:`dump_gold` / :func:`write_gold` write the canonical layout.
* :mod:`evx.gold.check`: :func:`check_gold` validates the files against the vocabularies
  of :mod:`evx.records` and, when the corpus is known, against the article text.
* :mod:`evx.gold.brat`: BRAT standoff, :func:`export_brat` / :func:`import_brat`.
* :mod:`evx.gold.prodigy`: Prodigy-style JSONL, :func:`export_prodigy` / :func:`import_prodigy`.

Record kinds, fields and vocabularies come from :mod:`evx.records`; this package holds
only what is particular to gold files (their extra fields, the order they are written
in, the BRAT types and Prodigy labels). Imports run one way: ``check``, ``brat`` and
``prodigy`` use ``files``; nothing in the package imports this module.
"""
from __future__ import annotations

from evx.gold.brat import brat_to_gold, export_brat, gold_to_brat, import_brat
from evx.gold.check import EXIT_GOLD_PROBLEMS, check_document, check_gold
from evx.gold.files import (
    GoldDocument, Problem, default_corpus, dump_gold, gold_files, load_gold, locate_records,
    read_corpus, read_gold_file, write_gold,
)
from evx.gold.prodigy import export_prodigy, gold_to_prodigy, import_prodigy, prodigy_to_gold

__all__ = [
    "EXIT_GOLD_PROBLEMS", "GoldDocument", "Problem", "brat_to_gold", "check_document",
    "check_gold", "default_corpus", "dump_gold", "export_brat", "export_prodigy", "gold_files",
    "gold_to_brat", "gold_to_prodigy", "import_brat", "import_prodigy", "load_gold",
    "locate_records", "prodigy_to_gold", "read_corpus", "read_gold_file", "write_gold",
]

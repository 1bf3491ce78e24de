"""Reading inputs: a registry of readers, one module per format.

A reader turns one file into one or more :class:`Document` objects. It is
registered for file suffixes with :func:`register`; :func:`iter_documents` walks
the inputs (files and folders, recursively, in sorted order) and yields
documents, or :class:`Failed` items for files that cannot be read, so that one
bad file never stops the others.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from evx.errors import DocumentError, InputError


@dataclass
class Document:
    doc_id: str
    source: str
    text: str
    format: str = "text"
    sections: list = field(default_factory=list)   # evx.text.sections.SectionSpan, if the reader knows them
    meta: dict = field(default_factory=dict)


@dataclass
class Failed:
    doc_id: str
    source: str
    error: str


@dataclass
class ReadOptions:
    id_field: str = "id"
    text_field: str = "text"


Reader = Callable[[Path, str, ReadOptions], Iterator[Document]]
_READERS: dict[str, Reader] = {}


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    def wrap(reader: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = reader
        return reader
    return wrap


def supported_suffixes() -> list[str]:
    _load_builtin_readers()
    return sorted(_READERS)


def reader_for(path: Path) -> Reader | None:
    _load_builtin_readers()
    return _READERS.get(path.suffix.lower())


def _load_builtin_readers() -> None:
    from evx.readers import text, table  # noqa: F401
    for optional in ("html", "pdf", "jats"):
        try:
            __import__(f"evx.readers.{optional}")
        except ModuleNotFoundError as exc:  # a reader module not yet written, or its library missing
            if exc.name not in (f"evx.readers.{optional}",):
                raise


def expand_inputs(inputs: list[str | Path]) -> list[tuple[Path, str]]:
    """(file, doc_id) pairs for the inputs, in a stable order; raises InputError for unusable ones."""
    _load_builtin_readers()
    pairs: list[tuple[Path, str]] = []
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: no such file or folder; check the path")
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            usable = [p for p in files if p.suffix.lower() in _READERS]
            if not usable:
                raise InputError(
                    f"{raw}: the folder holds no readable files; evx reads "
                    f"{', '.join(supported_suffixes())}")
            pairs.extend((p, p.relative_to(path).as_posix()) for p in usable)
        else:
            if path.suffix.lower() not in _READERS:
                raise InputError(
                    f"{raw}: unknown format '{path.suffix or '(no suffix)'}'; evx reads "
                    f"{', '.join(supported_suffixes())}")
            pairs.append((path, path.name))
    return pairs


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_file(path: Path, doc_id: str, options: ReadOptions) -> Iterator[Document | Failed]:
    reader = reader_for(path)
    try:
        yield from reader(path, doc_id, options)
    except DocumentError as exc:
        yield Failed(doc_id, str(path), str(exc))
    except (OSError, UnicodeError, ValueError) as exc:
        yield Failed(doc_id, str(path), f"{path}: cannot be read ({exc.__class__.__name__}: {exc})")


def iter_documents(inputs: list[str | Path], options: ReadOptions | None = None) -> Iterator[Document | Failed]:
    options = options or ReadOptions()
    for path, doc_id in expand_inputs(inputs):
        yield from read_file(path, doc_id, options)

"""Packaged data files: lexicons, patterns, taxonomies and model weights, read one way.

Every JSON file evx ships lives under ``src/evx/`` (``resources/`` for rules and word lists,
``models/`` for learned weights) and is read with :func:`read_json`, which names the file in
every error. The checks below are what each loader uses to validate its file; all of them raise
:class:`~evx.errors.ResourceError`, so a broken install or a bad edit to a resource file fails
with one kind of error that says which file and entry are wrong.
"""
from __future__ import annotations

import json
from importlib import resources
from typing import Any, Iterable

from evx.errors import ResourceError


def read_json(*parts: str) -> Any:
    """The parsed JSON file ``src/evx/<parts>``, e.g. ``read_json("resources", "designs.json")``."""
    name = "/".join(parts)
    path = resources.files("evx").joinpath(*parts)
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(f"{name}: cannot be read ({exc.__class__.__name__}); reinstall evx") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResourceError(f"{name}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc


def exists(*parts: str) -> bool:
    return resources.files("evx").joinpath(*parts).is_file()


def check_keys(where: str, item: Any, required: Iterable[str], optional: Iterable[str] = ()) -> None:
    """``item`` must be an object with every ``required`` key and no key outside ``required`` and
    ``optional``; ``where`` names the file and entry in the message."""
    if not isinstance(item, dict):
        raise ResourceError(f"{where}: expected an object, found {type(item).__name__}")
    required, allowed = set(required), set(required) | set(optional)
    unknown, missing = set(item) - allowed, required - set(item)
    if unknown or missing:
        raise ResourceError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")


def check_choice(where: str, value: Any, choices: Iterable) -> None:
    choices = tuple(choices)
    if value not in choices:
        raise ResourceError(f"{where}: {value!r} is not one of {', '.join(map(str, choices))}")


def check_strings(where: str, values: Any, lower: bool = False) -> None:
    """A non-empty list of non-empty strings (lower-case ones when ``lower``)."""
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
        raise ResourceError(f"{where}: expected a non-empty list of non-empty strings")
    if lower and any(v != v.lower() for v in values):
        raise ResourceError(f"{where}: entries must be lower-case")

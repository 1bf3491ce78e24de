"""Small HTML helpers shared by the reports: escaping and file templates.

Templates are plain HTML files under ``templates/`` with ``{{name}}``
placeholders, filled in one pass (a value that itself contains ``{{x}}`` is
never expanded again). Values are inserted as given, so callers escape text
with :func:`esc` and build markup only from escaped parts.
"""
from __future__ import annotations

import html
import re
from importlib import resources

_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")


def esc(value) -> str:
    """Text made safe for HTML element content and quoted attribute values."""
    return html.escape("" if value is None else str(value), quote=True)


def template(name: str) -> str:
    return resources.files("evx.reports").joinpath("templates", name).read_text(encoding="utf-8")


def render(name: str, **values: str) -> str:
    """Fill ``templates/<name>``; an unknown placeholder is an error, not silence."""
    text = template(name)

    def fill(match: re.Match) -> str:
        key = match.group(1)
        if key not in values:
            raise KeyError(f"template {name} needs a value for {{{{{key}}}}}")
        return values[key]

    return _PLACEHOLDER.sub(fill, text)


def pct(value) -> str:
    """A fraction as a percentage with one decimal, or an en dash when missing."""
    return "–" if value is None else f"{100 * value:.1f}"

"""The Jinja2 environment shared by the reports, and the few filters they use.

Templates live in ``templates/`` (package data). Autoescaping is on for every
``.html`` template, so any value a template prints is escaped unless it is
:class:`markupsafe.Markup` (the output of a macro, an SVG chart from
:mod:`evx.reports.svg`, or :func:`evx.reports.review.highlight`, which build
their markup from escaped parts). Undefined names are errors, and ``None``
prints as nothing.
"""
from __future__ import annotations

from functools import cache

import jinja2

from evx.reports.tables import rows


def _finalize(value):
    return "" if value is None else value


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("evx.reports", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["rows"] = rows
    return env


def render(name: str, **context) -> str:
    """Render ``templates/<name>`` with ``context``."""
    return environment().get_template(name).render(**context)

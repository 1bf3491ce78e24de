"""Reports for people: the evaluation report (``evaluation.html``/``.md``) and the
review page (``report.html``).

Both are single self-contained files: CSS and JavaScript are inlined from
``templates/``, plots are inline SVG drawn here, nothing is fetched from a
network. Every piece of article or record text goes through
:func:`evx.reports.html.esc` before it reaches a page.
"""

"""Reports for people: the evaluation report (``evaluation.html``/``.md``, with
``scores.json`` and ``scores.md``) and the review page (``report.html``).

Both pages are Jinja2 templates (``templates/``) extending one ``base.html``, with
autoescaping on: templates receive plain values and DataFrames, never markup
built from input, so escaping is done by the template engine rather than by hand.
The SVG charts (:mod:`evx.reports.svg`) and the highlighted article text
(:func:`evx.reports.review.highlight`) are :class:`markupsafe.Markup` built from
escaped parts. Each page is a single self-contained file: CSS and JavaScript are
inlined, plots are inline SVG, nothing is fetched from a network.

* :func:`evx.reports.evaluation.write_evaluation` writes the scores and the
  evaluation report for a :class:`evx.scoring.ScoreResult`;
* :func:`evx.reports.review.write_review` writes the review page from a run folder.
"""

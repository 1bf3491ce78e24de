"""Ratio effect sizes and sample sizes: the patterns that find them (:mod:`.patterns`), the
reader that turns matches into estimates (:mod:`.estimates`, :mod:`.sample_sizes`), the consistency
checks (:mod:`.checks`) and the ``evx_effects`` spaCy component (:mod:`.component`)."""

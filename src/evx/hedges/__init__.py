"""Hedge cues: the lexicon (:mod:`.lexicon`, data in ``resources/hedge_lexicon.json``), the trained
disambiguator of ambiguous cue words (:mod:`.model`), whether a cue weakens a claim
(:mod:`.on_claim`) and the ``evx_hedges`` spaCy component (:mod:`.component`)."""

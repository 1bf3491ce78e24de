"""Claims and overclaims: the cue lexicon (:mod:`.cues`), candidate sentences (:mod:`.sentences`),
the strength model and its features (:mod:`.model`, :mod:`.features`), hypotheses
(:mod:`.hypotheses`), the overclaim checks (:mod:`.rules`, :mod:`.overclaims`), the article summary
and score (:mod:`.summary`) and the ``evx_claims`` spaCy component (:mod:`.component`)."""

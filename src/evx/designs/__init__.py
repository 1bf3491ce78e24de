"""Study designs: the rule taxonomy (:mod:`.rules`, data in ``resources/designs.json``), the context
of each mention (:mod:`.context`), trial labelling and population votes, the main study and its
evidence level (:mod:`.main_study`), the fallback for texts that name no design
(:mod:`.fallback`) and the ``evx_designs`` spaCy component (:mod:`.component`)."""

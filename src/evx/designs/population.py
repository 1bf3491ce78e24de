"""The population of the main study when its mention names none: a vote of species words in its
paragraph, else in the opening of the body."""
from __future__ import annotations

from evx.designs.rules import DesignResource
from evx.records import Design
from evx.text.casefold import lower_keeping_offsets
from evx.text.lines import paragraph_around
from evx.text.sections import section_bounds


POPULATION_WINDOW = 10_000   # characters of body text read for the document-level population vote


def _vote(text: str, start: int, end: int, resource: DesignResource) -> str | None:
    """The population whose words occur most often in ``text[start:end]`` (ties: animal, cells, human)."""
    counts = dict.fromkeys(resource.species, 0)
    for match in resource.species_any.finditer(lower_keeping_offsets(text[start:end])):   # twice as fast as re.I
        counts[match.lastgroup] += 1
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def fallback_population(text: str, sections, design: Design | None, resource: DesignResource) -> str | None:
    """Population when the main mention names none: its paragraph's species words, else the body's."""
    if design is not None:
        p_start, p_end = paragraph_around(text, design.start)
        found = _vote(text, p_start, p_end, resource)
        if found:
            return found
    body = section_bounds(sections, "body") or (0, len(text))
    return _vote(text, body[0], min(body[1], body[0] + POPULATION_WINDOW), resource)

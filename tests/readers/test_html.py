"""The HTML reader: the article of a health news page, without the site around it."""
from __future__ import annotations

from pathlib import Path

import pytest

from evx.errors import DocumentError
from evx.readers import ReadOptions
from evx.readers.html import furniture_rules, read_html, read_html_bytes

FIXTURES = Path(__file__).parents[1] / "fixtures" / "formats"

# Strings that sit only in the page furniture of article.html, never in the article.
FURNITURE = [
    "cookie", "Accept all", "Health conditions", "Subscribe", "Share on", "Email this article",
    "Stocksy", "Two older women walking", "Related articles", "Statins", "RR = 0.79", "vitamin D",
    "OR 2.5", "OR = 2.5", "HR = 3.4", "editorial standards", "All rights reserved", "Privacy",
    "Medically reviewed by", "dataLayer", "Learn more about", "RR = 0.88", "care homes",
    "review status", "Under review", "Approved",
]


@pytest.fixture(scope="module")
def page():
    return next(read_html(FIXTURES / "article.html", "article.html", ReadOptions()))


@pytest.mark.parametrize("furniture", FURNITURE)
def test_page_furniture_is_dropped(page, furniture):
    assert furniture.lower() not in page.text.lower()


def test_furniture_rules_are_valid_data():
    rules = furniture_rules()
    assert "share" in rules["class_tokens"] and rules["teaser_max_chars"] > 0
    assert all(cue == cue.lower() for cue in rules["teaser_link_cues"])


def test_article_text_is_kept_with_headings_and_list_items_as_lines(page):
    lines = page.text.split("\n")
    assert "What the researchers found" in lines and "Advice for readers" in lines
    assert "- add a few minutes each week" in lines
    assert "(HR = 0.72, 95% CI: 0.61-0.85)" in page.text
    assert "(OR = 0.81, 95% CI: 0.70\u20130.94)" in page.text


def test_headline_is_the_title_section(page):
    title = page.sections[0]
    headline = "Brisk walking linked to fewer hip fractures in older women"
    assert (title.kind, title.start) == ("title", 0)
    assert page.text[title.start:title.end] == headline == page.meta["title"]
    assert page.text.count(headline) == 1
    lead_start, lead_end = page.meta["lead"]
    assert page.text[lead_start:lead_end].startswith("Women over 65 who walked briskly")


def test_references_section(page):
    refs = [s for s in page.sections if s.kind == "references"]
    assert len(refs) == 1 and refs[0].end == len(page.text)
    assert page.text[refs[0].start:].startswith("Sources\n\n1. Lindqvist A")
    body = next(s for s in page.sections if s.kind == "body")
    assert "Lindqvist" not in page.text[body.start:body.end]


def test_references_section_ends_at_the_next_heading_of_its_level():
    html = (b"<html><body><article><h1>Salt and blood pressure</h1>"
            b"<p>" + b"Cutting salt lowered blood pressure in the trial. " * 8 + b"</p>"
            b"<h2>References</h2><ul><li>Doe J. A trial of salt. 2024.</li></ul>"
            b"<h2>About the author</h2><p>" + b"The author writes about heart health for us. " * 3 +
            b"</p></article></body></html>")
    blocks, _ = read_html_bytes(html, "page.html")
    kinds = [(s.kind, blocks.text[s.start:s.end].split("\n")[0]) for s in blocks.sections]
    assert kinds == [("title", "Salt and blood pressure"), ("body", "Cutting salt lowered blood pressure in "
                     "the trial. " * 7 + "Cutting salt lowered blood pressure in the trial."),
                     ("references", "References"), ("body", "About the author")]


def test_table_rows_are_lines_in_a_table_section():
    html = (b"<html><body><article><h1>Sleep and mood</h1>"
            b"<p>" + b"People who slept longer reported better mood in the survey. " * 6 + b"</p>"
            b"<table><tr><th>Sleep</th><th>Good mood</th></tr><tr><td>under 6 h</td><td>41%</td></tr>"
            b"<tr><td>7-8 h</td><td>63%</td></tr></table>"
            b"<p>" + b"The survey cannot show cause and effect. " * 4 + b"</p></article></body></html>")
    blocks, _ = read_html_bytes(html, "page.html")
    tables = [s for s in blocks.sections if s.kind == "table"]
    assert len(tables) == 1
    assert blocks.text[tables[0].start:tables[0].end].split("\n") == [
        "Sleep | Good mood", "under 6 h | 41%", "7-8 h | 63%"]


def test_short_page_falls_back_to_lxml_without_furniture():
    html = (b"<html><head><title>Note</title><script>var a = 'HR = 9.9';</script></head><body>"
            b"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            b"<main>Short.</main><footer>Contact us</footer></body></html>")
    blocks, meta = read_html_bytes(html, "note.html")
    assert "fallback" in meta["extractor"]
    assert blocks.text == "Short."


@pytest.mark.parametrize("data", [b"", b"<html><body><script>var x = 1;</script></body></html>",
                                  b"\x00\x01\x02binary\x00"])
def test_page_without_text_is_an_error(tmp_path, data):
    path = tmp_path / "empty.html"
    path.write_bytes(data)
    with pytest.raises(DocumentError) as caught:
        list(read_html(path, "empty.html", ReadOptions()))
    assert str(path) in str(caught.value)


def test_citation_markers_are_dropped_and_exponents_kept():
    html = ("<html><body><article><h1>Walking and memory</h1><p>"
            + "Older adults who walked daily kept more of their memory over ten years. " * 5
            + "Decline was slower in walkers (HR = 0.80, 95% CI: 0.70-0.91)<sup><a href='#r1'>1</a>,"
            "<a href='#r2'>2</a></sup> than in non-walkers [<a href='#r3'>3</a>]. The trend test gave "
            "P = 4 \u00d7 10<sup>\u22125</sup>, and the work was cited<a class='cite' href='/refs#4'>4\u20136</a>."
            "</p></article></body></html>").encode("utf-8")
    blocks, _ = read_html_bytes(html, "page.html")
    assert "(HR = 0.80, 95% CI: 0.70-0.91) than in non-walkers." in blocks.text
    assert "P = 4 \u00d7 10^-5," in blocks.text
    assert "the work was cited." in blocks.text


def test_furniture_class_on_a_wrapper_of_the_article_keeps_the_article():
    html = (b"<html><body><div class='page related-content-wrapper'><article><h1>Tea and bone density</h1>"
            b"<p>" + b"Tea drinkers had denser hip bones in the survey of older adults. " * 5 + b"</p>"
            b"<div class='share-bar'>Share on Facebook</div></article></div></body></html>")
    blocks, meta = read_html_bytes(html, "tea.html")
    assert blocks.text.startswith("Tea and bone density\n\nTea drinkers had denser hip bones")
    assert "Share on" not in blocks.text and meta["furniture_dropped"] == 1

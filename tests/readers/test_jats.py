"""The JATS reader: article parts from the markup, tables apart, citation markers dropped."""
from __future__ import annotations

from pathlib import Path

import pytest

from evx.errors import DocumentError
from evx.readers import ReadOptions
from evx.readers.jats import read_jats

FIXTURES = Path(__file__).parents[1] / "fixtures" / "formats"


def read_all(path: Path):
    return list(read_jats(path, path.name, ReadOptions()))


def read_xml(tmp_path: Path, xml: str):
    path = tmp_path / "paper.xml"
    path.write_text(xml, encoding="utf-8")
    return read_all(path)


def section_text(doc, kind: str) -> list[str]:
    return [doc.text[s.start:s.end] for s in doc.sections if s.kind == kind]


@pytest.fixture(scope="module")
def article():
    (doc,) = read_all(FIXTURES / "article.xml")
    return doc


def test_title_abstract_and_section_headings(article):
    assert section_text(article, "title") == ["Brisk walking linked to fewer hip fractures in older women"]
    assert article.meta["title"] == section_text(article, "title")[0]
    assert article.meta["doi"] == "10.0000/evx.fixture.0001"
    lines = article.text.split("\n")
    assert lines[2] == "Abstract" and lines[4].startswith("Women over 65 who walked briskly")
    assert "What the researchers found" in lines and "Advice for readers" in lines
    assert "- wear shoes with a firm grip" in lines


def test_table_is_kept_apart_after_the_body(article):
    (table,) = section_text(article, "table")
    assert table.split("\n")[:3] == ["Table 1 Pooled studies by region", "Region | Studies | Women",
                                     "Europe | 6 | 118,400"]
    (body,) = section_text(article, "body")
    assert "118,400" not in body and "Pooled studies by region" not in body
    # the sentence that held the table reads on without it
    assert "(OR = 0.81, 95% CI: 0.70\u20130.94) (Table 1)." in body
    kinds = [s.kind for s in article.sections]
    assert kinds == ["title", "body", "table", "references"]


def test_citation_markers_are_dropped(article):
    (body,) = section_text(article, "body")
    assert "[" not in body and "]" not in body
    assert "up to 18 years." in body
    assert "than the least active group. Falls" in body           # superscript "1,2" gone
    assert "fully account for." in body                             # "[1–3]" gone


def test_references_section(article):
    (refs,) = section_text(article, "references")
    assert refs.split("\n")[0] == "Sources"
    assert refs.split("\n")[1].startswith("1. Lindqvist A")
    assert "a meta-analysis of prospective studies" in refs


ARTICLE = """<article><front><article-meta><title-group><article-title>Exponents</article-title>
</title-group></article-meta></front><body><sec><title>Results</title>
<p>The trend was clear (P = 3 &#215; 10<sup>&#x2212;5</sup>) as Smith et al. (<xref ref-type="bibr"
rid="b1">Smith et al., 2019</xref>) found; the change was &#x2212;0.4 kg<xref ref-type="bibr"
rid="b2"><sup>2</sup></xref>, as first seen in <xref ref-type="bibr" rid="b3">2019</xref>.</p>
</sec></body></article>"""


def test_exponents_minus_signs_and_author_year_citations(tmp_path):
    (doc,) = read_xml(tmp_path, ARTICLE)
    assert "(P = 3 \u00d7 10^-5)" in doc.text
    assert "(Smith et al., 2019) found" in doc.text
    assert "the change was -0.4 kg, as first seen in 2019." in doc.text     # a year is no marker


def test_article_set_gives_one_document_per_article(tmp_path):
    docs = read_xml(tmp_path, f"<pmc-articleset>{ARTICLE}{ARTICLE}</pmc-articleset>")
    assert [d.doc_id for d in docs] == ["paper.xml#1", "paper.xml#2"]


@pytest.mark.parametrize("xml, message", [
    ("<rss><channel><title>News</title></channel></rss>", "not a JATS article.*<rss>"),
    ("<article><front><article-meta>", "not well-formed|no title"),
    ("this is not xml at all", "not well-formed XML"),
    ("<article><front><article-meta/></front></article>", "no title, abstract or body"),
])
def test_non_jats_xml_is_an_error(tmp_path, xml, message):
    with pytest.raises(DocumentError, match=message) as caught:
        read_xml(tmp_path, xml)
    assert "paper.xml" in str(caught.value)

"""Whole builds of fixture projects with the real configs, hooks and theme.

A good project must build strictly and render citations as this book promises; each
planted fault must stop the build with the file, the line and what to do.
"""
import html as html_module
import json
import re


from fixtures import EN_PAGE, ID_PAGE, build, good_pages

def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", "", html)))


def test_citations_render_author_date_with_indonesian_terms(good_site):
    html = (good_site / "bab.html").read_text()
    text = text_of(html)
    assert "(de Waal, 2003, hlm. 12)" in text
    assert "(Cornell, 2017; Satu dkk., 2020)" in text
    assert "de Waal (2003)" in text
    assert 'href="#ref-dewaal2003black"' in html and 'data-cites="cornell2017turkey many2020authors"' in html
    assert "Dalam S. E. Cornell (Ed.)" in text and "hlm. 89–105" in text


def test_citations_render_with_english_terms(good_site):
    text = text_of((good_site / "en" / "bab.html").read_text())
    assert "(de Waal, 2003, p. 12)" in text
    assert "(Cornell, 2017; Satu et al., 2020)" in text
    assert "In S. E. Cornell (Ed.)" in text and "pp. 89–105" in text


def test_code_is_not_touched(good_site):
    html = (good_site / "bab.html").read_text()
    assert "<code>[@dewaal2003black]</code>" in html
    assert "[@cornell2017turkey] di blok kode" in html


def test_chapter_ends_with_alphabetical_reference_list(good_site):
    html = (good_site / "bab.html").read_text()
    assert 'id="references"' in html
    order = [html.index(f'id="ref-{key}"') for key in ("cornell2017turkey", "dewaal2003black", "many2020authors")]
    assert order == sorted(order)
    assert html.index('id="references"') < order[0]


def test_full_bibliography_lists_every_entry_with_stable_ids(good_site):
    html = (good_site / "pustaka.html").read_text()
    for key in ("cornell2017turkey", "dewaal2003black", "many2020authors"):
        assert f'id="ref-{key}"' in html
    assert "booktools:full-bibliography" not in html


def test_language_switch_and_lang_attribute(good_site):
    id_html = (good_site / "bab.html").read_text()
    en_html = (good_site / "en" / "bab.html").read_text()
    assert '<html lang="id"' in id_html and '<html lang="en"' in en_html
    assert re.search(r'href="\./en/bab\.html" hreflang="en"', id_html)
    assert re.search(r'href="\./\.\./bab\.html" hreflang="id"', en_html)
    assert 'hreflang="en" href="http://127.0.0.1:8000/en/bab.html"' in id_html


def test_each_edition_has_its_own_search_index(good_site):
    id_index = json.loads((good_site / "search" / "search_index.json").read_text())
    en_index = json.loads((good_site / "en" / "search" / "search_index.json").read_text())
    id_text = " ".join(doc["text"] for doc in id_index["docs"])
    en_text = " ".join(doc["text"] for doc in en_index["docs"])
    assert "Satu" in id_text and "blok kode" in id_text and "According to" not in id_text
    assert "According to" in en_text and "blok kode" not in en_text


def test_no_third_party_hosts(good_site):
    from booktools.site_check import check_site

    # The downloads (PDF, zip) are made by scripts/make_downloads.py, not by this fixture build.
    assert check_site(good_site, "http://127.0.0.1:8000/", optional=("downloads/*",)).problems == []


def failing_build(project_factory, **changes):
    result = build(project_factory(good_pages(**changes)))
    assert result.returncode != 0
    return result.stdout + result.stderr


def test_unknown_key_fails_build_with_file_and_line(project_factory):
    output = failing_build(project_factory, **{"id/bab.md": ID_PAGE + "\nLagi [@dewaal2003blak].\n"})
    assert "docs/id/bab.md:12: unknown citation key 'dewaal2003blak'; did you mean dewaal2003black" in output


def test_heading_without_id_fails_build(project_factory):
    output = failing_build(project_factory, **{"en/bab.md": EN_PAGE + "\n## No id here\n"})
    assert "docs/en/bab.md:8: heading 'No id here' has no explicit id" in output


def test_split_citation_fails_build(project_factory):
    output = failing_build(project_factory, **{"id/bab.md": ID_PAGE + "\nLagi [@dewaal2003black,\nhlm. 3].\n"})
    assert "docs/id/bab.md:12" in output and "split over two lines" in output


def test_malformed_bib_fails_build_with_line(project_factory):
    from fixtures import GOOD_BIB

    result = build(project_factory(good_pages(), bib=GOOD_BIB + "\n@book{bad,\n  title = {Unclosed\n}\n"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "references.bib:" in output and "entry 'bad' has unbalanced braces" in output
    assert "Traceback" not in output


def test_urls_with_percent_and_underscore_stay_intact(project_factory):
    from fixtures import GOOD_BIB

    bib = GOOD_BIB + "\n@online{pct, title={T}, organization={O}, url={https://example.org/a/%20b_c}, urldate={2026-11-26}}\n"
    pages = good_pages(**{"id/bab.md": ID_PAGE + "\nLagi [@pct].\n"})
    project = project_factory(pages, bib=bib)
    result = build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "bab.html").read_text()
    assert 'href="https://example.org/a/%20b_c"' in html and ">https://example.org/a/%20b_c<" in html

"""A chapter printed from the browser: no navigation chrome, citations and references kept, link targets shown."""
from __future__ import annotations

import io

from pypdf import PdfReader


def test_print_layout(new_context, site):
    base, out = site
    page = new_context().new_page()
    page.goto(base + "index.html")
    page.emulate_media(media="print")
    display = "sel => getComputedStyle(document.querySelector(sel)).display"
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", "details.cite-this"):
        assert page.evaluate(display, chrome) == "none", chrome
    for kept in (".references", "a.citation"):
        assert page.evaluate(display, kept) != "none", kept
    external = page.evaluate("""() => {
        const a = [...document.querySelectorAll('.md-content a[href^="http"]')].find(x => !x.closest('.references'));
        return a ? getComputedStyle(a, '::after').content : null; }""")
    assert external and "http" in external
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content h2')).breakAfter") == "avoid"
    title = page.locator("h1").first.inner_text()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert " ".join(title.split()[:3]) in " ".join(text.split()), "the printed PDF lacks the page title"
    assert "@book{" not in text, "the printed PDF shows a cite box"

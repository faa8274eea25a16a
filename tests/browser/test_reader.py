"""What a reader does in a browser: preview a citation, search, switch language, copy a citation, filter the timeline.

Checks that every page must pass (console, other hosts, phone width, axe, headings) are in page_checks.py.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browsing import all_pages


def page_with_citations(site_dir, edition=""):
    for rel in all_pages(site_dir):
        if rel.startswith("en/") == (edition == "en/") and 'class="citation"' in (site_dir / rel).read_text():
            return rel
    pytest.fail("no page with a citation in the built site")


def test_hover_on_a_citation_shows_its_reference(desktop, site):
    base, out = site
    page = desktop.new_page()
    page.goto(base + page_with_citations(out))
    link = page.locator("a.citation").first
    key = link.get_attribute("data-cites").split()[0]
    expected = page.locator(f"#ref-{key}").inner_text()[:40]
    link.hover()
    popover = page.locator(".citation-popover")
    popover.wait_for(state="visible", timeout=3000)
    assert expected in popover.inner_text()


def test_tap_on_a_citation_shows_its_reference_without_leaving(phone, site):
    base, out = site
    page = phone.new_page()
    url = base + page_with_citations(out, "en/")
    page.goto(url)
    link = page.locator("a.citation").first
    link.scroll_into_view_if_needed()
    link.tap()
    popover = page.locator(".citation-popover")
    popover.wait_for(state="visible", timeout=3000)
    assert page.url == url
    assert popover.locator(".csl-entry").count() >= 1
    page.locator(".citation-popover__more").tap()
    assert page.url.startswith(url + "#ref-")


def search(page, base, edition, term):
    page.goto(base + edition + "index.html")
    page.locator("label.md-header__button[for='__search']").first.click() if page.viewport_size["width"] < 1220 else None
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(term, delay=30)  # Material searches on key events, as a reader types
    page.locator(".md-search-result__item a").first.wait_for(timeout=10000)
    page.wait_for_timeout(300)  # Material re-renders the list as results arrive: read it in one go
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.getAttribute('href'))")
    return [urlsplit(href).path for href in hrefs]


def test_indonesian_search_finds_the_indonesian_chapter(desktop, site):
    base, _ = site
    paths = search(desktop.new_page(), base, "", "kepentingan")
    assert any(p.endswith("/kepentingan-turki.html") for p in paths), paths
    assert not any("/en/" in p for p in paths), paths


def test_english_search_finds_the_english_chapter(desktop, site):
    base, _ = site
    paths = search(desktop.new_page(), base, "en/", "interests")
    assert any(p.endswith("/en/kepentingan-turki.html") for p in paths), paths
    assert all("/en/" in p for p in paths), paths


@pytest.mark.parametrize("start,target", [("kerja-sama-keamanan.html", "en/kerja-sama-keamanan.html"),
                                          ("en/kronologi.html", "kronologi.html")])
def test_language_switch_lands_on_the_same_page(desktop, site, start, target):
    base, _ = site
    page = desktop.new_page()
    page.goto(base + start)
    page.locator(".md-header__option .md-select").hover()
    lang = "en" if target.startswith("en/") else "id"
    page.locator(f"a.md-select__link[hreflang='{lang}']").click()
    page.wait_for_load_state()
    assert page.url == base + target


def test_copy_button_puts_the_citation_on_the_clipboard(desktop, site):
    base, _ = site
    page = desktop.new_page()
    page.goto(base + "kerja-sama-keamanan.html")
    box = page.locator("details.cite-this").first
    box.locator("summary").click()
    apa = box.locator(".cite-this__text").first.inner_text().strip()
    box.locator("button.cite-this__copy").first.click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == apa
    assert "kerja-sama-keamanan.html" in apa


def test_timeline_theme_filter_works_without_javascript(new_context, site):
    base, _ = site
    page = new_context(java_script_enabled=False).new_page()
    page.goto(base + "kronologi.html")
    events = page.locator(".tl-event")
    total = events.count()
    page.locator("label[for=tl-turkey]").click()
    shown = page.locator(".tl-event:visible")
    assert 0 < shown.count() < total
    assert all("tl-turkey" in shown.nth(i).get_attribute("class") for i in range(shown.count()))
    page.locator("label[for=tl-all]").click()
    assert page.locator(".tl-event:visible").count() == total

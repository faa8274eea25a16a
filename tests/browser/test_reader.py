"""What a reader does in a browser: preview a citation, search, switch language, copy a citation."""
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


def test_no_console_errors_and_no_other_hosts(desktop, site):
    base, out = site
    own = urlsplit(base).netloc
    problems = []
    page = desktop.new_page()
    page.on("console", lambda m: problems.append(f"{page.url}: console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    page.on("request", lambda r: problems.append(f"{page.url}: request to {r.url}")
            if urlsplit(r.url).netloc not in (own, "") and not r.url.startswith("data:") else None)
    for rel in all_pages(out):
        page.goto(base + rel, wait_until="networkidle")
    assert not problems, "\n".join(problems)


def test_phone_width_never_scrolls_sideways(phone, site):
    base, out = site
    page = phone.new_page()
    wide = []
    for rel in all_pages(out):
        page.goto(base + rel)
        width = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if width > 0:
            wide.append(f"{rel}: {width}px too wide")
        # a wide table scrolls inside its own wrapper, and its text keeps a readable size
        for size in page.eval_on_selector_all(".md-typeset table", "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize))"):
            if size < 11:
                wide.append(f"{rel}: table text {size}px")
    assert not wide, "\n".join(wide)


def test_timeline_theme_filter_works_without_javascript(browser, site):
    base, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "kronologi.html")
    events = page.locator(".tl-event")
    total = events.count()
    page.locator("label[for=tl-turkey]").click()
    shown = page.locator(".tl-event:visible")
    assert 0 < shown.count() < total
    assert all("tl-turkey" in shown.nth(i).get_attribute("class") for i in range(shown.count()))
    page.locator("label[for=tl-all]").click()
    assert page.locator(".tl-event:visible").count() == total
    context.close()

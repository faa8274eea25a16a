"""A section's cite control, scrollable tables and the search index on demand, in Chromium.

The control must work by keyboard and be announced to screen readers, in the light and the dark
scheme, on a 360 px phone; the longest chapter's tables must be reachable by keyboard at 375 px;
and the search index must not load with the page, yet search must still work.
"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

CHAPTER = "evolusi-konflik.html"
FIRST_SECTION = "akar-soviet"


@pytest.fixture
def phone_in(new_context, site):
    """A 360 px phone context in a given colour scheme, with clipboard access."""
    def make(scheme):
        context = new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme,
                              has_touch=True, device_scale_factor=2)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site[0].rstrip("/"))
        return context.new_page()

    return make


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_section_cite_control_by_keyboard_on_a_phone(phone_in, site, scheme):
    base, _ = site
    page = phone_in(scheme)
    page.goto(base + CHAPTER)
    assert page.locator("details.cite-this").count() == 1  # one box, at the top
    button = page.get_by_role("button", name="Kutip bagian 5.1", exact=True)
    assert button.get_attribute("aria-expanded") == "false"
    box = button.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24 and box["x"] + box["width"] <= 360
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    panel = page.locator(f"#{button.get_attribute('aria-controls')}")
    assert panel.is_visible() and panel.get_attribute("role") == "region"
    assert panel.locator("dt").all_inner_texts() == ["APA 7", "Chicago", "BibTeX", "RIS", "CSL-JSON"]
    apa = panel.locator(".cite-this__text").first.inner_text()
    assert "Bagian 5.1." in apa and f"{CHAPTER}#{FIRST_SECTION}" in apa
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    violations = [v for v in Axe().run(page, context=f"#{panel.get_attribute('id')}").response["violations"]
                  if v["impact"] in ("serious", "critical")]
    assert not violations, [v["id"] for v in violations]
    panel.locator("button.cite-this__copy").first.click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == apa.strip()
    page.keyboard.press("Escape")
    assert not panel.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Kutip bagian 5.1"
    page.keyboard.press("Space")
    assert panel.is_visible()


def test_cite_control_is_announced_by_name_and_state(new_context, site):
    base, _ = site
    page = new_context().new_page()
    page.goto(base + "en/" + CHAPTER)
    heading = page.get_by_role("heading", level=2).first
    assert heading.inner_text().startswith("5.1 ")
    control = heading.get_by_role("button", name="Cite section 5.1", exact=True, expanded=False)
    assert control.count() == 1
    control.click()
    assert heading.get_by_role("button", name="Cite section 5.1", exact=True, expanded=True).count() == 1
    assert page.get_by_role("region", name="Cite section 5.1", exact=True).is_visible()
    page.close()


def test_tables_scroll_by_keyboard_at_375_px(new_context, site):
    base, _ = site
    page = new_context(viewport={"width": 375, "height": 812}).new_page()
    page.goto(base + CHAPTER)
    result = Axe().run(page).response
    assert not [v for v in result["violations"] if v["id"] == "scrollable-region-focusable"]
    regions = page.locator(".table-scroll[role=region][tabindex='0']")
    assert regions.count() == page.locator(".md-content table").count() >= 2
    wide = [i for i in range(regions.count())
            if regions.nth(i).evaluate("el => el.scrollWidth > el.clientWidth + 1")]
    assert wide, "no table is wider than a 375 px screen: the test proves nothing"
    region = regions.nth(wide[0])
    assert region.get_attribute("aria-label")
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert region.evaluate("el => el.scrollLeft") > 0
    page.close()


def test_search_index_waits_for_the_reader_to_search(new_context, site):
    base, _ = site
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + CHAPTER)
    page.wait_for_timeout(1500)
    assert not [u for u in requested if "search_index" in u]
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Minsk", delay=30)
    page.locator(".md-search-result__item a").first.wait_for(timeout=10000)
    assert [u for u in requested if u.endswith("search/search_index.json")]
    page.close()

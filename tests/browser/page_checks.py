"""Checks that every page of both editions must pass, run by one crawl (crawl.py) on each loaded page.

To add one: write `def check(visit) -> list[str]` below, decorated with `@page_check("what it proves")`;
`visit.page` is the loaded Playwright page, `visit.rel` its path (e.g. "en/kronologi.html"). Return one
line per problem; test_pages.py runs it on every page and names the page and the check.
"""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from crawl import page_check

BLOCKING = {"serious", "critical"}
# Switching the scheme changes colours only, so the dark run needs only the rules that read colours.
COLOUR_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
                "resultTypes": ["violations"]}
_axe = Axe()


def axe_problems(visit, scheme: str, options: dict | None = None) -> list[str]:
    found = []
    response = _axe.run(visit.page, options=options or {"resultTypes": ["violations"]}).response
    for violation in response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = ", ".join(str(n["target"]) for n in violation["nodes"][:3])
            found.append(f"{violation['id']} ({violation['impact']}, {scheme}): {targets}")
    return found


def switch_scheme(page, index: int, scheme: str) -> None:
    """Click the header's palette toggle, as a reader does (Material keeps the choice for later pages)."""
    page.locator(f"label[for='__palette_{index}']").click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{scheme}'", timeout=5000)


@page_check("axe-core: no serious or critical violation (light scheme)")
def axe_light(visit):
    return axe_problems(visit, "light")


@page_check("axe-core: no serious or critical colour violation (dark scheme)")
def axe_dark(visit):
    switch_scheme(visit.page, 1, "slate")
    try:
        return axe_problems(visit, "dark", COLOUR_RULES)
    finally:
        switch_scheme(visit.page, 0, "default")


@page_check("lang, heading order and text alternatives")
def lang_headings_and_text_alternatives(visit):
    page, rel = visit.page, visit.rel
    problems = []
    expected = "en" if rel.startswith("en/") else "id"
    if page.evaluate("document.documentElement.lang") != expected:
        problems.append(f"lang is not {expected}")
    levels = page.eval_on_selector_all(".md-content article :is(h1,h2,h3,h4,h5,h6)",
                                       "hs => hs.map(h => Number(h.tagName[1]))")
    if levels[:1] != [1]:
        problems.append("does not start with one h1")
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:
            problems.append(f"heading h{before} followed by h{after}")
    missing = page.eval_on_selector_all(
        ".md-content :is(img:not([alt]), svg[role=img]:not([aria-label]):not([aria-labelledby]), figure:not(:has(figcaption)))",
        "els => els.map(e => e.outerHTML.slice(0, 80))")
    return problems + [f"no text alternative: {m}" for m in missing]


@page_check("360 px wide: nothing scrolls sideways, table text stays readable")
def phone_width(visit):
    page = visit.page
    page.set_viewport_size({"width": 360, "height": 740})
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if width > 0:
        problems.append(f"{width}px too wide")
    # a wide table scrolls inside its own wrapper, and its text keeps a readable size
    for size in page.eval_on_selector_all(".md-typeset table", "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize))"):
        if size < 11:
            problems.append(f"table text {size}px")
    return problems

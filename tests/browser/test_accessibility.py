"""axe-core over every page of both editions, in the light and the dark scheme, plus what axe does not check."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browsing import all_pages

BLOCKING = {"serious", "critical"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation(browser, site, scheme):
    base, out = site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    found = []
    for rel in all_pages(out):
        page.goto(base + rel)
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in BLOCKING:
                targets = ", ".join(str(n["target"]) for n in violation["nodes"][:3])
                found.append(f"{rel} [{scheme}]: {violation['id']} ({violation['impact']}): {targets}")
    context.close()
    assert not found, "\n".join(found)


def test_lang_headings_and_text_alternatives(browser, site):
    base, out = site
    page = browser.new_page()
    problems = []
    for rel in all_pages(out):
        page.goto(base + rel)
        expected = "en" if rel.startswith("en/") else "id"
        if page.evaluate("document.documentElement.lang") != expected:
            problems.append(f"{rel}: lang is not {expected}")
        levels = page.eval_on_selector_all(".md-content article :is(h1,h2,h3,h4,h5,h6)",
                                           "hs => hs.map(h => Number(h.tagName[1]))")
        if levels[:1] != [1]:
            problems.append(f"{rel}: does not start with one h1")
        for before, after in zip(levels, levels[1:]):
            if after > before + 1:
                problems.append(f"{rel}: heading h{before} followed by h{after}")
        missing = page.eval_on_selector_all(
            ".md-content :is(img:not([alt]), svg[role=img]:not([aria-label]):not([aria-labelledby]), figure:not(:has(figcaption)))",
            "els => els.map(e => e.outerHTML.slice(0, 80))")
        problems += [f"{rel}: no text alternative: {m}" for m in missing]
    page.close()
    assert not problems, "\n".join(problems)

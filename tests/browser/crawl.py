"""The crawl: every page of both editions is loaded once, and every registered page check runs on it.

A page check is a function `check(visit) -> list[str]` registered with `@page_check("what it proves")` in
page_checks.py; it returns one line per problem. test_pages.py runs the crawl as one test per page (so a
failure names the page, and pytest-xdist can spread the pages over the CPUs); the test lists every
problem of that page, check by check. A check may change the viewport or the colour scheme: the crawl
puts both back before the next check runs.

Console errors, uncaught exceptions and requests to other hosts are recorded for the whole visit
(while the checks run too) and reported under CONSOLE_AND_HOSTS.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

VIEWPORT = {"width": 1280, "height": 900}
CONSOLE_AND_HOSTS = "no console errors and no requests to other hosts"
PAGE_CHECKS: dict[str, Callable[["Visit"], list[str]]] = {}


def page_check(name: str):
    """Register a check that runs on every page of both editions."""
    def register(function):
        if name in PAGE_CHECKS or name == CONSOLE_AND_HOSTS:
            raise ValueError(f"two page checks are named {name!r}")
        PAGE_CHECKS[name] = function
        return function
    return register


def source_pages(root: Path) -> list[str]:
    """The pages the build makes from docs/ (known before the build, so tests can be listed per page)."""
    pages = []
    for docs, prefix in ((root / "docs" / "id", ""), (root / "docs" / "en", "en/")):
        pages += [prefix + p.relative_to(docs).with_suffix(".html").as_posix() for p in docs.rglob("*.md")]
    return sorted(pages)


@dataclass
class Visit:
    page: object  # a Playwright Page, loaded at base + rel
    base: str
    rel: str
    events: list[str] = field(default_factory=list)


def visit_page(context, base: str, rel: str, own_hosts: set[str]) -> dict[str, list[str]]:
    """Load base + rel once, run every page check on it; the problems found, per check name."""
    import page_checks  # noqa: F401  (registers the checks)

    page = context.new_page()
    visit = Visit(page, base, rel)
    own = {urlsplit(base).netloc, "", *own_hosts}
    page.on("console", lambda m: visit.events.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.events.append(f"uncaught {e}"))
    page.on("request", lambda r: visit.events.append(f"request to {r.url}")
            if urlsplit(r.url).netloc not in own and not r.url.startswith("data:") else None)
    found = {}
    try:
        page.goto(base + rel)
        for name, check in PAGE_CHECKS.items():
            try:
                found[name] = check(visit)
            except Exception as exc:  # one broken check must not hide the others
                found[name] = [f"the check raised {type(exc).__name__}: {exc}"]
            page.set_viewport_size(VIEWPORT)
            page.emulate_media(color_scheme="light")
        page.wait_for_load_state("networkidle")  # requests that start late (sitemap.xml for the language switch)
        found[CONSOLE_AND_HOSTS] = list(visit.events)
    finally:
        page.close()
    return found

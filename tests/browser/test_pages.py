"""Every page of both editions passes every page check (page_checks.py), each page loaded once (crawl.py)."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browsing import ROOT, all_pages
from crawl import source_pages, visit_page

PAGES = source_pages(ROOT)


def test_every_built_page_is_crawled(site):
    _, out = site
    assert all_pages(out) == PAGES, "pages built but not crawled (or the reverse): see crawl.source_pages"


@pytest.mark.parametrize("rel", PAGES)
def test_page_passes_every_check(crawl_context, served, rel):
    base, _, built = served
    found = visit_page(crawl_context, base, rel, {urlsplit(built).netloc})
    problems = [f"  {check}: {line}" for check, lines in found.items() for line in lines]
    assert not problems, f"{rel}:\n" + "\n".join(problems)

"""Each page check of the crawl catches its fault on a planted bad page (a small page, not the book)."""
from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer

import pytest

from browsing import QuietHandler
from crawl import CONSOLE_AND_HOSTS, PAGE_CHECKS, visit_page

# Material's markup in miniature: palette toggles, .md-content article, a table; then one fault per check.
BAD_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Bad page</title>
<style>
  body { font: 16px sans-serif; color: #000; background: #fff; }
  [data-md-color-scheme=slate] .dark-only { color: #444; background: #333; }
  .low { color: #999; background: #aaa; }
</style></head>
<body data-md-color-scheme="default">
<label for="__palette_1" onclick="document.body.dataset.mdColorScheme = 'slate'">dark</label>
<label for="__palette_0" onclick="document.body.dataset.mdColorScheme = 'default'">light</label>
<div class="md-content"><article class="md-typeset">
  <h1>Title</h1><h3>Skipped a level</h3>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
  <p class="low">Hard to read in both schemes.</p>
  <p class="dark-only">Hard to read in the dark scheme only.</p>
  <div style="width: 800px">Too wide for a phone.</div>
  <table style="font-size: 8px"><tr><td>tiny</td></tr></table>
</article></div>
<img alt="" src="http://127.0.0.2:9/pixel.png">
<script>console.error("planted error")</script>
</body></html>
"""


@pytest.fixture
def bad_site(tmp_path):
    (tmp_path / "bad.html").write_text(BAD_PAGE, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_every_check_reports_its_planted_fault(browser, bad_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    try:
        found = visit_page(context, bad_site, "bad.html", set())
    finally:
        context.close()
    text = {name: "\n".join(lines) for name, lines in found.items()}
    assert set(found) == {*PAGE_CHECKS, CONSOLE_AND_HOSTS}
    light, dark, structure, phone = PAGE_CHECKS  # in the order page_checks.py registers them
    assert "color-contrast (serious, light)" in text[light] and "image-alt" in text[light]
    assert "color-contrast (serious, dark)" in text[dark] and ".dark-only" in text[dark]
    assert ".dark-only" not in text[light]  # the dark-only fault is found by the dark run alone
    for expected in ("lang is not id", "heading h1 followed by h3", "no text alternative: <img"):
        assert expected in text[structure], expected
    assert "px too wide" in text[phone] and "table text 8px" in text[phone]
    assert "planted error" in text[CONSOLE_AND_HOSTS] and "request to http://127.0.0.2:9/pixel.png" in text[CONSOLE_AND_HOSTS]

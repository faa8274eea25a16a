"""The real book served on 127.0.0.1 and read by Chromium through Playwright.

Which site: `make test` has already built `site/` (and `site/downloads/`) and sets BOOK_BUILT_SITE to it,
so these tests serve that build instead of building the book again. Run alone (`pytest tests/browser`),
they build the book once for a free local port.

Which browser: BOOK_CHROMIUM (e.g. the runner's Google Chrome in GitHub Actions), else Debian's
/usr/bin/chromium (`make browser` installs it). Without one these tests are skipped locally and fail in
CI (CI=true).

Fixtures for new tests: `site` gives (base URL, site folder); open pages in `desktop` or `phone`, or in a
context from `new_context(...)`. Those three serve the site under its built address as well (Material
fetches sitemap.xml from the address in its hreflang links), so use them rather than
`browser.new_context()`. A check that every page must pass belongs in page_checks.py (see crawl.py):
the crawl (test_pages.py) loads each page once for all of them.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browsing import ROOT, QuietHandler, built_for

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("BOOK_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium():
    path = chromium_path()
    if path is None:
        message = "Chromium not found: run `make browser` (installs Debian's chromium) or set BOOK_CHROMIUM"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def build_for(base: str, out: Path) -> None:
    env = dict(os.environ, SITE_URL=base, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT,
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="session")
def served(tmp_path_factory, chromium, built_site):
    """(base URL, site folder, address the site was built for), served on 127.0.0.1 until the session ends."""
    out = built_site or tmp_path_factory.mktemp("browser-site") / "site"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(out)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"  # the port is held from here on
    if built_site is None:
        build_for(base, out)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base, out, built_for(out) or base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site(served):
    """(base URL, site folder)."""
    return served[0], served[1]


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def serve_built_address(context, served) -> None:
    """Answer requests to the address the site was built for from the same folder (only when it differs)."""
    base, out, built = served
    if built == base or not urlsplit(built).netloc:
        return
    root = out.resolve()

    def answer(route):
        rel = urlsplit(route.request.url).path[len(urlsplit(built).path):] or "index.html"
        path = (root / rel).resolve()
        if path.is_file() and path.is_relative_to(root):
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404, body="not found")

    context.route(built + "**", answer)


@pytest.fixture
def new_context(browser, served):
    """A factory of browser contexts (same arguments as browser.new_context), closed after the test."""
    made = []

    def make(**options):
        context = browser.new_context(**options)
        serve_built_address(context, served)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture
def desktop(new_context, site):
    context = new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site[0].rstrip("/"))
    return context


@pytest.fixture
def phone(new_context):
    return new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=2)


@pytest.fixture(scope="session")
def crawl_context(browser, served):
    """The context the crawl (test_pages.py) opens each page in: desktop size, light scheme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    serve_built_address(context, served)
    yield context
    context.close()

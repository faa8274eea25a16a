"""Archived editions, deployed offline: two releases archived by scripts/publish_site.py (mike) into a local
branch of a scratch clone, assembled beside the latest, served on 127.0.0.1; both resolve, in both
editions, each with its own search, the selector and the banner lead where they say.

The releases: v0.1.0 (commit 802dc19, built with the code it had then) and a test release 9.9.9 made in
the clone from HEAD (built with this code, so its cite boxes carry both addresses).

One test, checking step by step: the deployment (a clone, two builds) is the expensive part, and
pytest-xdist would otherwise repeat it on every worker that runs a test of this module.
"""
from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from browsing import ROOT, QuietHandler
from test_search_stemming import run_search

FIRST = ("0.1.0", "802dc19")
TEST_VERSION = "9.9.9"


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the browser drops connections it no longer needs (BrokenPipeError)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def deploy(work: Path, latest: Path) -> dict:
    """Archive two releases in a scratch clone (mike, branch gh-pages), assemble beside `latest`, serve it."""
    repo = work / "repo"
    git(ROOT, "clone", "--quiet", str(ROOT), str(repo))
    git(repo, "config", "user.name", "Archive test")
    git(repo, "config", "user.email", "archive-test@example.org")
    version, commit = FIRST
    if subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"v{version}"], cwd=repo).returncode != 0:
        if subprocess.run(["git", "cat-file", "-e", f"{commit}^{{commit}}"], cwd=repo).returncode != 0:
            pytest.fail(f"commit {commit} (release {version}) is not in this clone's history")
        git(repo, "tag", f"v{version}", commit)
    cff = repo / "CITATION.cff"
    cff.write_text(re.sub(r"(?m)^(\s*)version: .*$", rf"\g<1>version: {TEST_VERSION}", cff.read_text()))
    git(repo, "commit", "--quiet", "-am", f"Test release {TEST_VERSION}")
    git(repo, "tag", f"v{TEST_VERSION}")
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(work / "public")))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    env = dict(os.environ, SITE_URL=base, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, str(ROOT / "scripts" / "publish_site.py"), "--repo", str(repo), "--site", str(latest),
               "--out", str(work / "public"), "--no-downloads"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    print(result.stdout)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return {"base": base, "out": work / "public", "repo": repo, "command": command, "env": env, "server": server}


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check_archive_resolves(published):
    base, out = published["base"], published["out"]
    listed = json.loads((out / "v" / "versions.json").read_text())
    assert [v["version"] for v in listed] == [TEST_VERSION, FIRST[0]]  # mike's order: newest first
    assert listed[1]["properties"]["commit"].startswith(FIRST[1])
    assert f"Archive v{FIRST[0]}" in git(published["repo"], "log", "--format=%s", "gh-pages")
    for version in (TEST_VERSION, FIRST[0]):
        for page in ("index.html", "pendahuluan.html", "en/index.html", "en/kesimpulan.html"):
            assert status(f"{base}v/{version}/{page}") == 200, (version, page)
    assert status(base + "index.html") == 200 and status(base + "en/index.html") == 200


def check_cite_boxes(published):
    base, out = published["base"], published["out"]
    old = (out / "v" / FIRST[0] / "pendahuluan.html").read_text()
    assert f'href="{base}v/{FIRST[0]}/pendahuluan.html"' in old  # 0.1.0's permalink is its archived address
    new = (out / "v" / TEST_VERSION / "en" / "pendahuluan.html").read_text()
    line = re.search(r'<p class="cite-this__versions">(.*?)</p>', new, re.S).group(1)
    assert f'href="{base}v/{TEST_VERSION}/en/pendahuluan.html"' in line
    assert f'href="{base}en/pendahuluan.html"' in line


def check_selector_and_banner(published):
    base, out = published["base"], published["out"]
    for rel in ("kesimpulan.html", f"v/{FIRST[0]}/en/kesimpulan.html", f"v/{TEST_VERSION}/kronologi.html"):
        html = (out / rel).read_text()
        selector = re.search(r'<div class="md-header__option book-versions">(.*?)</ul>', html, re.S).group(1)
        links = re.findall(r'href="([^"]+)"', selector)
        assert len(links) == 3, (rel, links)
        for link in links:
            assert status(urljoin(base + rel, link)) == 200, (rel, link)
        banner = re.search(r'<aside class="md-banner[^"]*book-archive".*?</aside>', html, re.S)
        assert bool(banner) == rel.startswith("v/"), rel
        if banner:
            target = urljoin(base + rel, re.search(r'href="([^"]+)"', banner.group(0)).group(1))
            assert urlsplit(target).path == "/" + rel.split("/", 2)[2] and status(target) == 200


def check_own_search(browser, published):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    for edition, term, own in [(f"v/{FIRST[0]}/", "kepentingan", f"/v/{FIRST[0]}/"),
                               (f"v/{FIRST[0]}/en/", "interests", f"/v/{FIRST[0]}/en/"),
                               (f"v/{TEST_VERSION}/", "serang", f"/v/{TEST_VERSION}/"),
                               (f"v/{TEST_VERSION}/en/", "interests", f"/v/{TEST_VERSION}/en/")]:
        result = run_search(context.new_page(), published["base"] + edition + "index.html", term)
        print(f"{edition} '{term}': {result['documents']} documents")
        assert result["paths"] and all(p.startswith(own) for p in result["paths"]), (edition, result["paths"])
        if not own.endswith("/en/"):
            assert not any("/en/" in p for p in result["paths"]), (edition, result["paths"])
        if edition == f"v/{TEST_VERSION}/":  # built with this code: its search stems Indonesian
            assert {"menyerang", "diserang", "penyerangan"} <= result["marks"], result
    context.close()


def check_axe_and_keyboard(browser, published):
    from axe_playwright_python.sync_playwright import Axe

    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for rel in ("pendahuluan.html", f"v/{FIRST[0]}/en/pendahuluan.html"):
            page.goto(published["base"] + rel)
            found = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
                     for v in Axe().run(page).response["violations"] if v["impact"] in {"serious", "critical"}]
            assert not found, (rel, scheme, found)
            page.locator(".book-versions button").focus()
            page.keyboard.press("Tab")  # the list opens on focus, as the language switch does
            assert page.evaluate("document.activeElement.closest('.book-versions') !== null"), (rel, scheme)
            assert page.locator(".book-versions .md-select__link").first.is_visible(), (rel, scheme)
        context.close()


def check_never_rebuilt(published):
    result = subprocess.run(published["command"], env=published["env"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "(0 new)" in result.stdout and "archived v" not in result.stdout


def test_two_releases_archived_offline_each_resolving_with_its_own_search(tmp_path, browser, site):
    _, latest = site
    published = deploy(tmp_path, latest)
    try:
        check_archive_resolves(published)
        check_cite_boxes(published)
        check_selector_and_banner(published)
        check_own_search(browser, published)
        check_axe_and_keyboard(browser, published)
        check_never_rebuilt(published)
    finally:
        published["server"].shutdown()
        published["server"].server_close()

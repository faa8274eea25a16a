"""Builds for publication: no localhost address, robots.txt and a sitemap index of both editions."""
import xml.etree.ElementTree as ET

import pytest

from booktools import release
from booktools.sandbox import build
from fixtures import good_pages, make_project

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.mark.parametrize("url,public", [
    ("https://owner.github.io/repo/", True), ("http://example.org/book/", True), ("https://93.184.215.14/", True),
    ("http://127.0.0.1:8000/", False), ("http://localhost:8000/", False), ("https://book.localhost/", False),
    ("http://[::1]/", False), ("http://0.0.0.0/", False), ("http://192.168.1.4/", False), ("", False),
    ("/relative/", False), ("ftp://example.org/", False),
])
def test_public_address(url, public):
    assert (release.public_problem(url) is None) == public, release.public_problem(url)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("release"), good_pages())


def test_release_build_without_site_url_fails_with_the_fix(project, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    result = build(project, env={"BOOK_RELEASE": "1"})
    assert result.returncode != 0
    assert "BOOK_RELEASE is set" in result.stderr and "127.0.0.1:8000" in result.stderr
    assert "Set SITE_URL to the book's public address" in result.stderr
    assert "Traceback" not in result.stderr


def test_local_build_keeps_working_without_site_url(project, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("BOOK_RELEASE", raising=False)
    assert build(project).returncode == 0


def test_release_build_writes_robots_and_a_sitemap_index_of_both_editions(project):
    result = build(project, env={"BOOK_RELEASE": "1", "SITE_URL": "https://owner.github.io/repo/"})
    assert result.returncode == 0, result.stderr
    site = project / "site"
    robots = (site / "robots.txt").read_text()
    assert "Sitemap: https://owner.github.io/repo/sitemap-index.xml" in robots
    index = ET.parse(site / "sitemap-index.xml").getroot()
    assert index.tag == "{%s}sitemapindex" % NS["sm"]
    locs = [e.text for e in index.findall("sm:sitemap/sm:loc", NS)]
    assert locs == ["https://owner.github.io/repo/sitemap.xml", "https://owner.github.io/repo/en/sitemap.xml"]
    for loc in locs:  # each listed sitemap exists and lists pages of its own edition
        path = site / loc.removeprefix("https://owner.github.io/repo/")
        pages = [e.text for e in ET.parse(path).getroot().findall("sm:url/sm:loc", NS)]
        assert pages and all(p.startswith(loc.rsplit("sitemap.xml", 1)[0]) for p in pages)
    assert not (site / "en" / "robots.txt").exists()


def test_offline_release_copy_needs_the_published_address(project):
    result = build(project, env={"BOOK_RELEASE": "1", "BOOK_OFFLINE": "true", "SITE_URL": "",
                                 "BOOK_CITATION_URL": ""})
    assert result.returncode != 0 and "BOOK_CITATION_URL" in result.stderr

"""Archived editions: the two addresses of an edition, mike's versions.json, the selector and the banner."""
import json

import pytest

from booktools import versions


@pytest.mark.parametrize("base,edition,latest_env,expected", [
    ("https://h.org/book/", "", None, ("https://h.org/book/v/0.2.0/", "https://h.org/book/")),
    ("https://h.org/book/en/", "en/", None, ("https://h.org/book/v/0.2.0/en/", "https://h.org/book/en/")),
    # an archived copy is built for its own address; the latest is the root named by BOOK_LATEST_URL
    ("https://h.org/book/v/0.2.0/", "", "https://h.org/book/", ("https://h.org/book/v/0.2.0/", "https://h.org/book/")),
    ("https://h.org/book/v/0.2.0/en/", "en/", "https://h.org/book",
     ("https://h.org/book/v/0.2.0/en/", "https://h.org/book/en/")),
    ("", "", None, (None, None)),  # offline copy without a published address: relative links only
])
def test_edition_addresses(monkeypatch, base, edition, latest_env, expected):
    if latest_env:
        monkeypatch.setenv(versions.LATEST_ENV, latest_env)
    else:
        monkeypatch.delenv(versions.LATEST_ENV, raising=False)
    assert versions.edition_addresses(base, edition, "0.2.0") == expected


def test_permalinks_html_in_each_language():
    line = versions.permalinks_html("id", "0.2.0", "https://h/v/0.2.0/a.html", "https://h/a.html")
    assert "Edisi ini (0.2.0)" in line and 'href="https://h/a.html"' in line and "Edisi terbaru" in line
    assert "This edition (0.2.0)" in versions.permalinks_html("en", "0.2.0", "x", "y")


PAGE = """<!doctype html><html lang="{lang}"><body dir="ltr"><div data-md-component="announce"></div>
<header class="md-header"><nav class="md-header__inner"><div class="md-header__option"><div class="md-select">lang
</div></div></nav></header><article>text</article></body></html>"""


@pytest.fixture
def site(tmp_path):
    (tmp_path / "v").mkdir()
    (tmp_path / versions.VERSIONS_FILE).write_text(json.dumps([
        {"version": "0.2.0", "title": "0.2.0", "aliases": [], "properties": {"date": "2027-01-10"}},
        {"version": "0.1.0", "title": "0.1.0", "aliases": []}]))
    for rel in ("index.html", "bab.html", "en/index.html", "en/bab.html", "v/0.2.0/index.html", "v/0.2.0/bab.html",
                "v/0.2.0/en/index.html", "v/0.1.0/index.html", "v/0.1.0/en/index.html"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(lang="en" if "en/" in rel else "id"))
    return tmp_path


def test_stamp_adds_selector_everywhere_and_banner_on_archived_pages_only(site):
    assert versions.stamp_site(site) == 9
    latest = (site / "bab.html").read_text()
    assert "book-archive" not in latest
    assert 'href="v/0.2.0/bab.html"' in latest and 'href="v/0.1.0/index.html"' in latest  # 0.1.0 has no bab.html
    assert '<a href="bab.html" class="md-select__link" aria-current="true">Edisi terbaru</a>' in latest
    old = (site / "v/0.1.0/en/index.html").read_text()
    assert "You are reading edition 0.1.0 (-)" in old
    assert '<a href="../../../en/index.html" style="color: inherit; text-decoration: underline">Read this page' in old
    assert 'aria-current="true">0.1.0</a>' in old
    newer = (site / "v/0.2.0/bab.html").read_text()
    assert "Anda membaca edisi 0.2.0 (2027-01-10)" in newer and 'href="../../bab.html"' in newer
    # the selector sits before the language switch, the banner in Material's announce slot
    assert newer.index("book-versions") < newer.index('<div class="md-header__option"><div class="md-select">lang')
    assert newer.index("book-archive") > newer.index('data-md-component="announce"')


def test_stamping_again_renews_instead_of_adding(site):
    versions.stamp_site(site)
    first = (site / "v/0.2.0/bab.html").read_text()
    (site / versions.VERSIONS_FILE).write_text(json.dumps([
        {"version": "0.3.0", "title": "0.3.0", "aliases": []},
        {"version": "0.2.0", "title": "0.2.0", "aliases": [], "properties": {"date": "2027-01-10"}}]))
    (site / "v/0.3.0").mkdir()
    versions.stamp_site(site)
    again = (site / "v/0.2.0/bab.html").read_text()
    assert again.count("book-versions\"") == 1 and again.count("book-archive") == 1
    assert "0.3.0" in again and "0.3.0" not in first


def test_unexpected_versions_file_fails_loudly(tmp_path):
    path = tmp_path / "versions.json"
    path.write_text('{"version": "0.1.0"}')
    with pytest.raises(ValueError, match="expected mike's list"):
        versions.read_versions(path)


def test_no_archive_no_stamp(tmp_path):
    (tmp_path / "index.html").write_text(PAGE.format(lang="id"))
    assert versions.stamp_site(tmp_path) == 0


def test_site_check_leaves_archive_links_to_the_assembled_site(tmp_path):
    from booktools.site_check import check_site

    (tmp_path / "index.html").write_text('<html><body><a href="http://127.0.0.1:8000/v/0.1.0/index.html">x</a>'
                                         '<a href="v/0.1.0/en/bab.html">y</a></body></html>')
    assert check_site(tmp_path, "http://127.0.0.1:8000/").problems == []  # plain build: no archive here
    (tmp_path / "v").mkdir()
    (tmp_path / versions.VERSIONS_FILE).write_text("[]")
    problems = check_site(tmp_path, "http://127.0.0.1:8000/").problems  # assembled site: checked
    assert len(problems) == 2 and all("broken link" in p.message for p in problems)

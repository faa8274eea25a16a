"""The PDFs and the offline edition, built from the real book and read back.

`make test` has built them into site/downloads/ already and points BOOK_BUILT_SITE there; run alone,
this module builds the book and its downloads once in a temporary folder.
"""
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from booktools import book_meta
from booktools.site_check import check_site
from fixtures import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import make_downloads  # noqa: E402


def pdf_name(lang: str) -> str:
    return f"turki-azerbaijan-{lang}.pdf"


def chromium_or_skip():
    if not Path(os.environ.get("BOOK_CHROMIUM", "/usr/bin/chromium")).exists():
        message = "Chromium not found: run `make browser` to build and test the PDFs"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory, built_site):
    chromium_or_skip()
    if built_site is not None:
        folder = built_site / "downloads"
        needed = [pdf_name("id"), pdf_name("en"), make_downloads.ZIP_NAME]
        missing = [name for name in needed if not (folder / name).exists()]
        assert not missing, f"{folder}: {', '.join(missing)} missing -> run `make downloads` (or unset BOOK_BUILT_SITE)"
        return folder
    site = tmp_path_factory.mktemp("downloads") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=ROOT,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    # In a subprocess, as a user runs it (and clear of the browser tests' Playwright session).
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_downloads.py"), "--site", str(site)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return site / "downloads"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pdf_has_pages_metadata_and_contents(downloads, lang):
    book = book_meta.read(ROOT / "CITATION.cff")
    reader = PdfReader(downloads / pdf_name(lang))
    total = len(reader.pages)
    assert total >= 20
    assert reader.metadata.author == ", ".join(book.authors)
    assert reader.metadata.title.startswith("Turki dan Azerbaijan" if lang == "id" else "Turkey and Azerbaijan")
    assert str(reader.trailer["/Root"]["/Lang"]) == lang
    cover, contents = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert book.version in cover
    assert ("Daftar isi" if lang == "id" else "Contents") in contents
    for number in (1, 3, total):  # every page carries "n / total" in its footer
        assert re.search(rf"\b{number}\s*/\s*{total}\b", reader.pages[number - 1].extract_text()), f"page {number}"
    heading = "Referensi" if lang == "id" else "References"  # chapters keep their reference lists
    assert any(heading in page.extract_text() for page in reader.pages[2:]), heading  # stops at the first


def test_offline_zip_has_pages_and_search_and_no_network_urls(downloads, tmp_path):
    archive = downloads / make_downloads.ZIP_NAME
    with zipfile.ZipFile(archive) as z:
        names = set(z.namelist())
        z.extractall(tmp_path)
    root = tmp_path / "turki-azerbaijan"
    for needed in ("index.html", "en/index.html", "search/search_index.js", "en/search/search_index.js",
                   "downloads/turki-azerbaijan-id.pdf", "assets/javascripts/vendor/iframe-worker-shim.js"):
        assert f"turki-azerbaijan/{needed}" in names, needed
    report = check_site(root)  # no site URL: any absolute http(s) resource is another host
    assert report.problems == [], "\n".join(map(str, report.problems))
    for page in root.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and 'rel="alternate" hreflang' not in text, page

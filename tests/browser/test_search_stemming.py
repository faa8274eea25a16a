"""Indonesian search understands affixes (lunr.id with Snowball's stemmer); English search is unchanged.

Each search reports what Material shows: the number of matching documents and the words it highlights
in the results (the highlighted words are the text that matched, so an affixed form there proves the stem
matched it).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browsing import ROOT

MATERIAL_LUNR = "assets/javascripts/lunr"


def run_search(page, url: str, term: str) -> dict:
    page.goto(url)
    if page.viewport_size["width"] < 1220:
        page.locator("label.md-header__button[for='__search']").first.click()
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(term, delay=30)  # Material searches on key events, as a reader types
    page.locator(".md-search-result__item a").first.wait_for(timeout=15000)
    page.wait_for_timeout(500)  # Material re-renders the list as results arrive: read it in one go
    found = page.evaluate("""() => ({
        meta: document.querySelector('.md-search-result__meta').textContent,
        links: [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.getAttribute('href')),
        marks: [...document.querySelectorAll('.md-search-result mark')].map(m => m.textContent),
    })""")
    count = re.search(r"\d+", found["meta"])
    words = {re.sub(r"\W+", "", m.lower()) for m in found["marks"]}
    return {"documents": int(count.group()) if count else 0, "marks": words,
            "paths": [urlsplit(h).path for h in found["links"]], "meta": found["meta"]}


@pytest.mark.parametrize("term,affixed", [
    ("serang", {"menyerang", "diserang", "penyerangan"}),
    ("kepentingan", {"berkepentingan"}),
    ("kerja sama", {"bekerja"}),
])
def test_indonesian_search_finds_affixed_forms(desktop, site, term, affixed):
    base, _ = site
    result = run_search(desktop.new_page(), base + "index.html", term)
    print(f"id '{term}': {result['documents']} documents; highlighted {sorted(result['marks'])}")
    assert affixed <= result["marks"], (term, result)
    assert not any("/en/" in p for p in result["paths"]), result["paths"]


def test_english_search_keeps_its_behaviour(desktop, site):
    base, _ = site
    result = run_search(desktop.new_page(), base + "en/index.html", "interests")
    print(f"en 'interests': {result['documents']} documents; highlighted {sorted(result['marks'])}")
    assert any(p.endswith("/en/kepentingan-turki.html") for p in result["paths"]), result["paths"]
    assert all("/en/" in p for p in result["paths"]), result["paths"]
    # English keeps prefix matching without a stemmer: every highlighted word begins with the query
    assert result["marks"] and all(m.startswith("interests") for m in result["marks"]), result["marks"]


def test_the_stemmer_reduces_the_examples_to_one_stem(browser, site):
    """The bundled lunr.id, loaded into a page with Material's lunr: the stems behind the examples."""
    _, out = site
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    for script in (out / MATERIAL_LUNR / "min" / "lunr.stemmer.support.min.js",
                   out / MATERIAL_LUNR / "min" / "lunr.id.min.js"):
        assert script.exists(), script
    # lunr itself lives inside Material's worker bundle; lunr.id needs it only to register, so stub it here.
    page.evaluate("""() => {
        window.lunr = {Pipeline: {registerFunction() {}}, Query: {prototype: {clause() {}}}, trimmer() {}};
    }""")
    page.add_script_tag(path=str(out / MATERIAL_LUNR / "min" / "lunr.id.min.js"))
    stems = page.evaluate("""words => Object.fromEntries(words.map(w => [w, lunr.id.stemWord(w)]))""",
                          ["serang", "menyerang", "diserang", "penyerangan", "kepentingan", "berkepentingan",
                           "kerja", "bekerja"])
    assert {stems[w] for w in ("serang", "menyerang", "diserang", "penyerangan")} == {"serang"}, stems
    assert stems["kepentingan"] == stems["berkepentingan"], stems
    assert stems["kerja"] == stems["bekerja"] == "kerja", stems
    page.close()


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory, site):
    """The offline edition (zip), unpacked: the one `make test` built, or one built here from the same sources."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import make_downloads

    _, out = site
    target = out / "downloads" / make_downloads.ZIP_NAME
    if not target.exists():  # run alone: the site was built for this session, the zip may go beside it
        target = make_downloads.build_offline(out)
    unpacked = tmp_path_factory.mktemp("offline-search")
    with zipfile.ZipFile(target) as archive:
        archive.extractall(unpacked)
    return unpacked / "turki-azerbaijan"


def test_offline_copy_searches_with_the_stemmer(browser, offline_copy):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    result = run_search(page, (offline_copy / "index.html").as_uri(), "serang")
    print(f"offline id 'serang': {result['documents']} documents; highlighted {sorted(result['marks'])}")
    assert {"menyerang", "diserang", "penyerangan"} <= result["marks"], result
    assert Path(offline_copy / MATERIAL_LUNR / "min" / "lunr.id.min.js").exists()
    page.close()

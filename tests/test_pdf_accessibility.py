"""The PDFs are accessible: tagged, with a bookmark outline of chapters and sections, /Lang, XMP, and
metadata in the edition's own language (read back with pypdf).

The PDFs that `make test` already built are reused (BOOK_BUILT_SITE, its downloads/); otherwise the book
is built and printed here (needs Chromium, like tests/test_downloads.py). The read-back tests are `slow`.
"""
import html as htmllib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from booktools import book_meta, book_pdf
from booktools.config_file import read_config
from fixtures import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import make_pdf  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory, built_site):
    if built_site and all((built_site / "downloads" / make_pdf.pdf_name(lang)).exists() for lang in ("id", "en")):
        return built_site
    if not Path(os.environ.get("BOOK_CHROMIUM", "/usr/bin/chromium")).exists():
        message = "Chromium not found: run `make browser` to build and test the PDFs"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("pdf") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for command in ([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                    [sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--site", str(out)]):
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    return out


def outline_tree(reader):
    """[(title, [child titles])] of the top level of the PDF's bookmarks."""
    tree, items = [], list(reader.outline)
    for item in items:
        if isinstance(item, list):
            if tree:
                tree[-1][1].extend(child.title for child in item if not isinstance(child, list))
        else:
            tree.append((item.title, []))
    return tree


def headings(html: str, level: int) -> list[str]:
    """Heading texts without their permalink sign, compared without spaces: Chromium's bookmark titles
    lose the space where a heading wraps after a hyphen ("military-security cooperation")."""
    found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)
    return [squeeze(re.sub(r"<a class=\"headerlink\".*?</a>|<[^>]+>", "", h)) for h in found]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", htmllib.unescape(text))


@pytest.mark.slow
@pytest.mark.parametrize("lang,config,sub", make_pdf.EDITIONS)
def test_pdf_is_tagged_outlined_and_described(site, lang, config, sub):
    pdf = site / "downloads" / make_pdf.pdf_name(lang)
    assert book_pdf.tagged_and_outlined(pdf) == []
    reader = PdfReader(pdf)
    assert reader.pdf_header == "%PDF-1.7"
    tree = [(squeeze(title), [squeeze(c) for c in children]) for title, children in outline_tree(reader)]
    titles = [title for title, _ in tree]
    edition = site / sub if sub else site
    for page in book_pdf.nav_pages(ROOT / config):
        html = (edition / page.replace(".md", ".html")).read_text(encoding="utf-8")
        h1 = headings(html, 1)[0]
        assert h1 in titles, (page, h1, titles)
        if page != "index.md":  # each chapter's bookmark holds its sections
            children = dict(tree)[h1] if titles.count(h1) == 1 else []
            expected = headings(html, 2)
            assert children == expected, (page, children, expected)


@pytest.mark.slow
@pytest.mark.parametrize("lang,config,sub", make_pdf.EDITIONS)
def test_pdf_metadata_is_in_the_editions_language(site, lang, config, sub):
    book = book_meta.read(ROOT / "CITATION.cff")
    extra = read_config(ROOT / config).get("extra") or {}
    reader = PdfReader(site / "downloads" / make_pdf.pdf_name(lang))
    info, xmp = reader.metadata, reader.xmp_metadata
    subject = " ".join(str(extra.get("edition_abstract") or book.abstract).split())
    keywords = [str(k) for k in extra.get("edition_keywords") or book.keywords]
    assert info.subject == subject and info["/Keywords"] == ", ".join(keywords)
    assert xmp.dc_language == [lang] and xmp.dc_subject == keywords
    assert xmp.dc_title[lang] == info.title and xmp.dc_description[lang] == subject
    assert xmp.dc_creator == book.authors
    assert xmp.dc_rights[lang] == book_pdf.licence_name(book.license)
    assert str(reader.root_object["/Lang"]) == lang
    if lang == "en":  # the English PDF no longer carries the Indonesian abstract and keywords
        assert "Buku" not in info.subject and "kebijakan" not in info["/Keywords"]
    cover = reader.pages[0].extract_text()
    assert book_pdf.licence_name(book.license) in cover  # licence line from CITATION.cff


def test_checker_reports_what_an_untagged_pdf_lacks(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    pdf = tmp_path / "plain.pdf"
    writer.write(pdf)
    missing = book_pdf.tagged_and_outlined(pdf)
    assert len(missing) == 4 and missing[0].startswith("tags"), missing


@pytest.mark.parametrize("spdx,name", [("CC-BY-4.0", "CC BY 4.0"), ("CC-BY-SA-4.0", "CC BY-SA 4.0"),
                                       ("MIT", "MIT")])
def test_licence_name(spdx, name):
    assert book_pdf.licence_name(spdx) == name


def test_edition_without_its_own_metadata_stops_make_pdf(tmp_path, monkeypatch):
    bare = tmp_path / "mkdocs.en.yml"
    bare.write_text("INHERIT: mkdocs.yml\nextra:\n  edition_title: Title\n", encoding="utf-8")
    monkeypatch.setattr(make_pdf, "ROOT", tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="edition_abstract, extra.edition_keywords missing"):
        make_pdf.edition_meta("en", book_meta.read(ROOT / "CITATION.cff"))

"""Citable sections and machine-readable metadata, read back as the consuming tools read them."""
import datetime as dt
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs

import extruct
import pytest
import rispy
from pybtex.database import parse_string

from booktools import book_meta, git_dates
from fixtures import ROOT, good_pages, make_project

SITE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def site(good_site):
    return good_site


class Boxes(HTMLParser):
    """Collects every cite box: its formats (by <dt> name) and its COinS title."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.boxes, self._dt, self._grab, self._depth = [], None, None, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "details" and "cite-this" in (a.get("class") or ""):
            self.boxes.append({"formats": {}, "coins": None, "summary": ""})
        elif not self.boxes:
            return
        elif tag == "dt":
            self._dt = ""
        elif tag == "div" and a.get("class") == "cite-this__format":
            self._grab, self._depth = self._dt, 0
            self.boxes[-1]["formats"][self._grab] = ""
        elif tag == "span" and a.get("class") == "Z3988":
            self.boxes[-1]["coins"] = a.get("title")
        if self._grab is not None and tag == "div":
            self._depth += 1

    def handle_endtag(self, tag):
        if self._grab is not None and tag == "div":
            self._depth -= 1
            if self._depth == 0:
                self._grab = None
        if tag == "dt":
            self._dt = self._dt.strip()

    def handle_data(self, data):
        if self._dt is not None and self._grab is None and self.lasttag == "dt":
            self._dt += data
        if self._grab is not None:
            self.boxes[-1]["formats"][self._grab] += data
        if self.boxes and self.lasttag == "summary":
            self.boxes[-1]["summary"] += data


def boxes(path):
    parser = Boxes()
    parser.feed(path.read_text())
    return parser.boxes


def meta(path):
    head = path.read_text().split("</head>")[0]
    found = {}
    for name, content in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', head):
        found.setdefault(name, []).append(content)
    return found


def test_every_chapter_page_and_h2_section_has_a_box(site):
    found = boxes(site / "bab.html")
    assert [b["summary"] for b in found] == ["Kutip halaman ini", "Kutip bagian ini"]
    assert [b["summary"] for b in boxes(site / "en" / "bab.html")] == ["Cite this page", "Cite this section"]
    assert [b["summary"] for b in boxes(site / "index.html")] == ["Kutip buku ini"]


def test_formatted_citations_are_in_the_html_in_each_language(site):
    section = boxes(site / "bab.html")[1]["formats"]
    assert set(section) == {"APA 7", "Chicago", "BibTeX", "RIS", "CSL-JSON"}
    assert "Bab uji: Bagian pertama. Dalam" in section["APA 7"] and "(Versi 0.1.0)" in section["APA 7"]
    assert "bab.html#bagian-pertama" in section["APA 7"]
    assert "“Bab uji: Bagian pertama.” Dalam" in section["Chicago"]
    english = boxes(site / "en" / "bab.html")[1]["formats"]
    assert "Test chapter: First section. In" in english["APA 7"] and "(Version 0.1.0)" in english["APA 7"]


def test_bibtex_parses_as_incollection_with_booktitle(site):
    book = book_meta.read(ROOT / "CITATION.cff")
    for box in boxes(site / "bab.html"):
        entries = parse_string(box["formats"]["BibTeX"], "bibtex").entries
        (entry,) = entries.values()
        assert entry.type == "incollection"
        assert entry.fields["booktitle"].strip("{}") == book.title
        assert entry.fields["version"] == book.version
    (book_entry,) = parse_string(boxes(site / "index.html")[0]["formats"]["BibTeX"], "bibtex").entries.values()
    assert book_entry.type == "book"


def test_ris_parses(site):
    (record,) = rispy.loads(boxes(site / "en" / "bab.html")[1]["formats"]["RIS"])
    assert record["type_of_reference"] == "CHAP"
    assert record["title"] == "Test chapter: First section"
    assert record["secondary_title"].startswith("Turkey and Azerbaijan")
    assert record["urls"][0].endswith("/en/bab.html#bagian-pertama")


def test_csl_json_has_what_citeproc_needs(site):
    item = json.loads(boxes(site / "bab.html")[1]["formats"]["CSL-JSON"])
    assert item["type"] == "chapter"
    for field in ("id", "title", "container-title", "author", "issued", "URL", "version", "language"):
        assert item[field]


def test_coins_is_a_well_formed_openurl(site):
    for box in boxes(site / "bab.html"):
        fields = parse_qs(box["coins"], strict_parsing=True)
        assert fields["ctx_ver"] == ["Z39.88-2004"]
        assert fields["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:book"]
        assert fields["rft.genre"] == ["bookitem"] and fields["rft.btitle"] and fields["rft.atitle"]
        assert fields["rft_id"][0].startswith(SITE_URL)


def test_highwire_tags_book_level_only_on_landing_page(site):
    landing, chapter = meta(site / "index.html"), meta(site / "bab.html")
    book = book_meta.read(ROOT / "CITATION.cff")
    assert landing["citation_title"] == [book.title] and "citation_inbook_title" not in landing
    assert chapter["citation_title"] == ["Bab uji"] and chapter["citation_inbook_title"] == [book.title]
    for tags in (landing, chapter):
        for name in ("citation_author", "citation_publication_date", "citation_language", "citation_publisher"):
            assert tags[name], name
    assert meta(site / "en" / "bab.html")["citation_language"] == ["en"]


@pytest.mark.parametrize("page,lang", [("bab.html", "id"), ("en/bab.html", "en"), ("index.html", "id"),
                                       ("en/index.html", "en")])
def test_extractor_finds_dublin_core_opengraph_and_json_ld(site, page, lang):
    url = SITE_URL + page
    data = extruct.extract((site / page).read_text(), base_url=url, syntaxes=["dublincore", "opengraph", "json-ld"],
                           uniform=True)
    dc = {e["name"].lower(): e["content"] for e in data["dublincore"][0]["elements"]}
    for name in ("dc.title", "dc.creator", "dc.date", "dc.language", "dc.identifier"):
        assert dc[name], name
    assert dc["dc.language"] == lang and dc["dc.identifier"] == url
    og = data["opengraph"][0]
    assert og["og:title"] and og["og:url"] == url
    (ld,) = data["json-ld"]
    required = ["name", "author", "datePublished", "inLanguage", "url", "publisher"]
    assert all(ld.get(k) for k in required), [k for k in required if not ld.get(k)]
    if page.endswith("index.html"):
        assert ld["@type"] == "Book" and ld["bookEdition"]
    else:
        assert ld["@type"] == "Chapter" and ld["isPartOf"]["@type"] == "Book" and ld["isPartOf"]["name"]


def test_canonical_and_hreflang(site):
    head = (site / "en" / "bab.html").read_text().split("</head>")[0]
    assert '<link rel="canonical" href="http://127.0.0.1:8000/en/bab.html">' in head
    assert '<link rel="alternate" hreflang="id" href="http://127.0.0.1:8000/bab.html">' in head


def test_edition_line_on_every_page(site):
    for page in ("index.html", "bab.html", "en/pustaka.html"):
        assert re.search(r'class="edition-line"[^>]*>.*?(Edisi|Edition) 0\.1\.0', (site / page).read_text())


def test_cite_boxes_stay_out_of_search(site):
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert "Kutip bagian ini" not in json.dumps(index) and "@incollection" not in json.dumps(index)


def test_citation_cff_is_valid_and_matches_changelog():
    cffconvert = Path(sys.executable).parent / "cffconvert"
    result = subprocess.run([str(cffconvert), "--validate", "-i", str(ROOT / "CITATION.cff")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    book = book_meta.read(ROOT / "CITATION.cff")
    newest = re.search(r"^## (\S+) \((\d{4}-\d{2}-\d{2})\) \{#v[\w-]+\}", (ROOT / "CHANGELOG.md").read_text(), re.M)
    assert newest and newest.group(1) == book.version and newest.group(2) == book.date.isoformat()
    assert book.authors and all("name" for _ in book.authors)


def test_git_dates_first_and_last(tmp_path):
    def git(*args, date=None):
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True,
                       env={**__import__("os").environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", **env})

    git("init", "-q")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("one")
    git("add", ".")
    git("commit", "-qm", "first", date="2025-01-02T10:00:00+00:00")
    (tmp_path / "docs" / "a.md").write_text("two")
    (tmp_path / "docs" / "b.md").write_text("new")
    git("add", ".")
    git("commit", "-qm", "second", date="2025-03-04T10:00:00+00:00")
    dates = git_dates.file_dates(tmp_path, "docs")
    assert dates["docs/a.md"] == (dt.date(2025, 1, 2), dt.date(2025, 3, 4))
    assert dates["docs/b.md"] == (dt.date(2025, 3, 4), dt.date(2025, 3, 4))
    assert git_dates.file_dates(tmp_path / "nowhere", "docs") == {}


def test_edit_and_report_links_name_the_page_and_section(tmp_path):
    import os
    from urllib.parse import parse_qs, urlsplit

    project = make_project(tmp_path, good_pages())
    env = dict(os.environ, REPO_URL="https://github.com/example/book", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                            text=True, env=env)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "bab.html").read_text()
    assert 'href="https://github.com/example/book/edit/main/docs/id/bab.md"' in html
    report = re.search(r'class="section-report"[^>]*><a href="([^"]+)"', html).group(1).replace("&amp;", "&")
    query = parse_qs(urlsplit(report).query)
    assert query["template"] == ["koreksi-fakta.yml"] and query["page"] == ["docs/id/bab.md"]
    assert query["section"] == ["bagian-pertama"]
    assert "Laporkan kesalahan di bagian ini" in html


def test_no_repository_no_repository_links(site):
    assert "/edit/" not in (site / "bab.html").read_text() and "section-report" not in (site / "bab.html").read_text()

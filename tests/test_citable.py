"""Citable sections and machine-readable metadata, read back as the consuming tools read them."""
import datetime as dt
import html
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
from fixtures import ROOT, build, good_pages, make_project

SITE_URL = "http://127.0.0.1:8000/"

# A chapter in both editions: front matter kind, numbered H1, an opening paragraph with a citation,
# two sections (one with a subsection) and two tables, one labelled "Tabel 1.1." and one not.
CHAPTER_ID = """---
kind: chapter
---
# Bab 1. Bab uji

Bab ini menguji pembukaan bab [@dewaal2003black, hlm. 12], yang menjadi deskripsinya.

## Bagian pertama {#bagian-pertama}

Satu [@dewaal2003black, hlm. 12]. Dua [@cornell2017turkey; @many2020authors].

Tabel 1.1. Angka uji.

| Tempat | Angka |
| --- | --: |
| Baku | 1 |

### Sub pertama {#sub-pertama}

Teks.

## Bagian kedua {#bagian-kedua}

| Fase | Perubahan |
| --- | --- |
| 1994 | Gencatan senjata |
"""
CHAPTER_EN = """---
kind: chapter
---
# Chapter 1. Test chapter

This chapter tests a chapter's opening [@dewaal2003black, p. 12], which becomes its description.

## First section {#bagian-pertama}

One [@dewaal2003black, p. 12]. Two [@cornell2017turkey; @many2020authors].

Table 1.1. Test figures.

| Place | Figure |
| --- | --: |
| Baku | 1 |

### First subsection {#sub-pertama}

Text.

## Second section {#bagian-kedua}

| Phase | Change |
| --- | --- |
| 1994 | Ceasefire |
"""


def chapter_pages(**changes):
    return good_pages(**{"id/bab.md": CHAPTER_ID, "en/bab.md": CHAPTER_EN, **changes})


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The small book with one chapter (bab.html) and one appendix (pustaka.html) in each edition."""
    project = make_project(tmp_path_factory.mktemp("chapter"), chapter_pages())
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


class Boxes(HTMLParser):
    """Collects every cite box and section template: formats (by <dt> name), COinS title, summary or section id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.boxes, self._dt, self._grab, self._depth = [], None, None, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "details" and "cite-this" in (a.get("class") or ""):
            self.boxes.append({"formats": {}, "coins": None, "summary": "", "section": None})
        elif tag == "template" and (a.get("id") or "").startswith("cite-section-"):
            self.boxes.append({"formats": {}, "coins": None, "summary": "",
                               "section": a["id"].removeprefix("cite-section-")})
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


def sections(path):
    return [b for b in boxes(path) if b["section"]]


def meta(path):
    head = path.read_text().split("</head>")[0]
    found = {}
    for name, content in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', head):
        found.setdefault(name, []).append(html.unescape(content))
    return found


def test_one_box_per_page_and_a_cite_control_per_section(site):
    html_ = (site / "bab.html").read_text()
    assert [b["summary"] for b in boxes(site / "bab.html") if not b["section"]] == ["Kutip bab ini"]
    assert [b["section"] for b in sections(site / "bab.html")] == ["bagian-pertama", "bagian-kedua"]
    assert html_.count('<details class="cite-this"') == 1
    for section, number in (("bagian-pertama", "1.1"), ("bagian-kedua", "1.2")):
        heading = re.search(rf'<h2 id="{section}">(.*?)</h2>', html_, re.S).group(1)
        assert f'data-cite-section="{section}"' in heading and f'aria-label="Kutip bagian {number}"' in heading
        assert 'class="headerlink"' in heading  # the control sits beside the permalink, in the heading row
    assert [b["summary"] for b in boxes(site / "en" / "bab.html") if not b["section"]] == ["Cite this chapter"]
    assert 'aria-label="Cite section 1.2"' in (site / "en" / "bab.html").read_text()
    assert [b["summary"] for b in boxes(site / "pustaka.html")] == ["Kutip halaman ini"]
    assert [b["summary"] for b in boxes(site / "index.html")] == ["Kutip buku ini"]


def test_exactly_one_coins_per_page_the_pages_own(site):
    for page, genre in (("bab.html", "bookitem"), ("en/bab.html", "bookitem"), ("index.html", "book"),
                        ("pustaka.html", "bookitem")):
        spans = re.findall(r'class="Z3988" title="([^"]*)"', (site / page).read_text())
        assert len(spans) == 1, page
        fields = parse_qs(html.unescape(spans[0]), strict_parsing=True)
        assert fields["rft.genre"] == [genre] and fields["rft_id"] == [SITE_URL + page], page
    assert all(b["coins"] is None for b in sections(site / "bab.html"))


def test_section_formats_are_complete_and_numbered_in_each_language(site):
    first = sections(site / "bab.html")[0]["formats"]
    assert set(first) == {"APA 7", "Chicago", "BibTeX", "RIS", "CSL-JSON"}
    assert "Bab 1. Bab uji: Bagian 1.1. Bagian pertama. Dalam" in first["APA 7"] and "(Versi 0.1.0)" in first["APA 7"]
    assert "bab.html#bagian-pertama" in first["APA 7"]
    assert "“Bab 1. Bab uji: Bagian 1.1. Bagian pertama.” Dalam" in first["Chicago"]
    english = sections(site / "en" / "bab.html")[1]["formats"]
    assert "Chapter 1. Test chapter: Section 1.2. Second section. In" in english["APA 7"]
    assert "(Version 0.1.0)" in english["APA 7"]


def test_bibtex_parses_as_incollection_with_booktitle(site):
    book = book_meta.read(ROOT / "CITATION.cff")
    for box in boxes(site / "bab.html"):
        (entry,) = parse_string(box["formats"]["BibTeX"], "bibtex").entries.values()
        assert entry.type == "incollection"
        assert entry.fields["booktitle"].strip("{}") == book.title
        assert entry.fields["version"] == book.version
    (section,) = parse_string(sections(site / "bab.html")[0]["formats"]["BibTeX"], "bibtex").entries.values()
    assert section.fields["title"].strip("{}") == "Bab 1. Bab uji: Bagian 1.1. Bagian pertama"
    (book_entry,) = parse_string(boxes(site / "index.html")[0]["formats"]["BibTeX"], "bibtex").entries.values()
    assert book_entry.type == "book"


def test_ris_parses(site):
    (record,) = rispy.loads(sections(site / "en" / "bab.html")[0]["formats"]["RIS"])
    assert record["type_of_reference"] == "CHAP"
    assert record["title"] == "Chapter 1. Test chapter: Section 1.1. First section"
    assert record["secondary_title"].startswith("Turkey and Azerbaijan")
    assert record["urls"][0].endswith("/en/bab.html#bagian-pertama")


def test_csl_json_has_what_citeproc_needs(site):
    item = json.loads(sections(site / "bab.html")[0]["formats"]["CSL-JSON"])
    assert item["type"] == "chapter"
    for field in ("id", "title", "container-title", "author", "issued", "URL", "version", "language"):
        assert item[field]


def test_sections_are_numbered_in_page_and_toc_without_changing_ids(site):
    page = (site / "bab.html").read_text()
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1]
    assert re.search(r'<h2 id="bagian-pertama"><span class="heading-number">1\.1</span> Bagian pertama<a', article)
    assert re.search(r'<h3 id="sub-pertama"><span class="heading-number">1\.1\.1</span> Sub pertama<a', article)
    assert re.search(r'<h2 id="bagian-kedua"><span class="heading-number">1\.2</span> Bagian kedua<a', article)
    assert re.search(r'<h2 id="references">(?!<span)', article)  # the reference list is not a numbered section
    toc = re.findall(r'<a href="#[^"]+" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', page)
    assert toc[:3] == ["1.1 Bagian pertama", "1.1.1 Sub pertama", "1.2 Bagian kedua"], toc
    assert '<h2 id="first-section"' not in (site / "en" / "bab.html").read_text()  # ids stay as written
    assert "1.1 First section" in (site / "en" / "bab.html").read_text()
    assert "heading-number" not in (site / "pustaka.html").read_text() + (site / "index.html").read_text()


def test_highwire_tags_only_on_book_and_chapters(site):
    landing, chapter, appendix = meta(site / "index.html"), meta(site / "bab.html"), meta(site / "pustaka.html")
    book = book_meta.read(ROOT / "CITATION.cff")
    assert landing["citation_title"] == [book.title] and "citation_inbook_title" not in landing
    assert chapter["citation_title"] == ["Bab 1. Bab uji"] and chapter["citation_inbook_title"] == [book.title]
    for tags in (landing, chapter):
        for name in ("citation_author", "citation_publication_date", "citation_language", "citation_publisher"):
            assert tags[name], name
        assert tags["citation_pdf_url"] == [SITE_URL + "downloads/turki-azerbaijan-id.pdf"]
    assert meta(site / "en" / "bab.html")["citation_pdf_url"] == [SITE_URL + "downloads/turki-azerbaijan-en.pdf"]
    assert meta(site / "en" / "bab.html")["citation_language"] == ["en"]
    assert not [name for name in appendix if name.startswith("citation_")]  # an appendix is not a chapter


def test_each_page_is_described_by_its_own_opening(site):
    chapter = meta(site / "bab.html")
    opening = "Bab ini menguji pembukaan bab, yang menjadi deskripsinya."
    assert chapter["citation_abstract"] == [opening]
    assert chapter["description"] == [opening] and chapter["og:description"] == [opening]
    assert meta(site / "en" / "bab.html")["description"] == [
        "This chapter tests a chapter’s opening, which becomes its description."]
    appendix = meta(site / "pustaka.html")["description"]
    assert appendix != [opening] and appendix != meta(site / "index.html")["description"]


def zotero_creators(tags: dict) -> list[dict]:
    """citation_author read as Zotero's Embedded Metadata translator reads it (zotero/translators,
    Embedded Metadata.js, addHighwireMetadata; Zotero.Utilities.cleanAuthor): split on ";", on ","
    when there is one author tag and both sides hold a space, then "Last, First" if the name has a
    comma, else the last word is the family name."""
    values = tags.get("citation_author", [])
    creators = []
    for value in values:
        names = re.split(r"\s*;\s*", value)
        if len(names) == 1 and len(values) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1] \
                    and not re.match(r"^(van|de|von)", by_comma[0], re.I):
                names = by_comma
        for name in (n.strip() for n in names):
            if not name or not re.search(r"[^\s,\-.;]", name):
                continue
            use_comma = "," in name
            name = re.sub(r"[\s\u00a0.,/\[\]:]+$", "", re.sub(r"^[\s\u00a0.,/\[\]:]+", "", name))
            if use_comma:
                parts = re.split(r", ?", name)
                last, first = (parts[0], parts[1]) if len(parts) > 1 else (name, "")
            else:
                space = name.rfind(" ")
                last, first = name[space + 1:], name[:space] if space >= 0 else ""
            creators.append({"firstName": first, "lastName": last})
    return creators


def test_corporate_author_is_not_split_into_a_fake_person(site):
    book = book_meta.read(ROOT / "CITATION.cff")
    (organisation,) = [c.name for c in book.creators if c.is_organisation]
    for page in ("index.html", "bab.html", "en/bab.html"):
        assert zotero_creators(meta(site / page)) == [{"firstName": "", "lastName": organisation}], page
    # The reading can fail: the name written plainly would come out as a person.
    assert zotero_creators({"citation_author": [organisation]})[0]["firstName"] != ""
    assert zotero_creators({"citation_author": ["de Waal, Thomas"]}) == [{"firstName": "Thomas", "lastName": "de Waal"}]


@pytest.mark.parametrize("page,lang", [("bab.html", "id"), ("en/bab.html", "en"), ("index.html", "id"),
                                       ("en/index.html", "en"), ("pustaka.html", "id")])
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
    required = ["name", "author", "datePublished", "inLanguage", "url", "publisher", "description"]
    assert all(ld.get(k) for k in required), [k for k in required if not ld.get(k)]
    if page.endswith("index.html"):
        assert ld["@type"] == "Book" and ld["bookEdition"]
    elif page.endswith("bab.html"):
        assert ld["@type"] == "Chapter" and ld["position"] == 1
        assert ld["isPartOf"]["@type"] == "Book" and ld["isPartOf"]["name"]
    else:
        assert ld["@type"] == "CreativeWork" and ld["isPartOf"]["@type"] == "Book" and "position" not in ld


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
    assert book.authors and all(name.strip() for name in book.authors), "every author needs a name"


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

    project = make_project(tmp_path, chapter_pages())
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


@pytest.mark.parametrize("change,message", [
    ({"id/bab.md": CHAPTER_ID.replace("# Bab 1. Bab uji", "# Bab 4. Bab uji")},
     "docs/id/bab.md:4: this is chapter 1 in the navigation, so its H1 must start with 'Bab 1.'"),
    ({"en/bab.md": CHAPTER_EN.replace("kind: chapter", "kind: chaptre")},
     "docs/en/bab.md:2: unknown 'kind: chaptre' in the front matter"),
    ({"id/pustaka.md": "# Bab 2. Lupa penanda\n\nTeks.\n"},
     "docs/id/pustaka.md:1: the H1 'Bab 2. Lupa penanda' reads like a chapter, but the page is not marked as one"),
])
def test_chapter_kind_and_number_mistakes_fail_the_build_with_file_and_line(tmp_path, change, message):
    project = make_project(tmp_path, chapter_pages(**change))
    result = build(project)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-2000:]


def test_tables_are_focusable_named_regions(site):
    html_ = (site / "bab.html").read_text()
    regions = re.findall(r'<div class="table-scroll" role="region" tabindex="0" aria-label="([^"]+)"><table>', html_)
    assert regions == ["Tabel 1.1. Angka uji.", "Tabel: Fase, Perubahan"]
    assert html_.count("<table>") == 2
    assert re.findall(r'class="table-scroll"[^>]*aria-label="([^"]+)"', (site / "en" / "bab.html").read_text()) == [
        "Table 1.1. Test figures.", "Table: Phase, Change"]


def test_pdf_print_document_keeps_the_section_numbers(site):
    """The PDF is printed from the pages (booktools/book_pdf.py): the numbers travel with the headings."""
    from booktools import book_pdf

    book = book_meta.read(ROOT / "CITATION.cff")
    document = book_pdf.combine(site, ["index.md", "bab.md"], "id", book, book.title)
    assert re.search(r'<h2 id="bab--bagian-pertama"><span class="heading-number">1\.1</span> Bagian pertama', document)
    assert '<span class="heading-number">1.1.1</span> Sub pertama' in document
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "book.css").read_text()
    assert re.search(r"@media print \{\s*\.md-typeset details\.cite-this,\s*\.md-typeset \.cite-section,", css)

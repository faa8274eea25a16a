"""MkDocs adapter for citable pages and sections: numbers, cite box and controls, edition line, <head> metadata.

Once per edition (on_files): read CITATION.cff, the git dates of every page, each
page's kind (front matter ``kind: chapter``; the landing page is the book, every
other page an appendix), the chapters' numbers (their order in the navigation) and
the H1/H2/H3 of every page's source, and start formatting APA and Chicago text for
all of them in two pandoc processes. Per page: number the chapter's sections in the
headings and the table of contents, put the edition line and the cite box after the
H1 and a cite control in each section's heading row, and the metadata into the
template context.
"""
from __future__ import annotations

import logging
import os
import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from . import book_meta, cite_box, git_dates, markdown_scan, page_meta, versions
from .cite_formats import Citable, StyleFormatter, csl_item

log = logging.getLogger("mkdocs.plugins.booktools")

H1_RE = re.compile(r"^#[ \t]+(.+?)[ \t]*$", re.M)
H1_HTML_RE = re.compile(r"<h1[^>]*>.*?</h1>", re.S)
HEADING_HTML_RE = re.compile(r'<h(?P<level>[23]) id="(?P<id>[^"]+)"(?P<attrs>[^>]*)>(?P<body>.*?)</h(?P=level)>', re.S)
SKIP_SECTIONS = {"references"}
CHAPTER_WORD = {"id": "Bab", "en": "Chapter"}
CHAPTER_TITLE_RE = re.compile(r"^(Bab|Chapter)\s+(\d+)\.")
KINDS = {"chapter"}  # what front matter may say; the landing page is the book, any other page an appendix
KEY_PREFIX = "turki-azerbaijan"


@dataclass
class PageUnits:
    page: Citable
    kind: str = "appendix"  # "book", "chapter" or "appendix" (page_meta.KINDS)
    number: int | None = None  # a chapter's number
    sections: dict[str, Citable] = field(default_factory=dict)  # H2 id -> the section as a citable unit
    numbers: dict[str, str] = field(default_factory=dict)  # H2/H3 id -> "3.2" / "3.2.1"
    description: str = ""  # the opening paragraph, set when the page is rendered


@dataclass
class Edition:
    book: book_meta.Book
    commit: str | None
    units: dict[str, PageUnits]
    apa: Future
    chicago: Future
    history_src: str | None
    source_base: str | None
    pdf_url: str | None = None


_pool = ThreadPoolExecutor(max_workers=2)
_editions: dict[str, Edition] = {}


def plain(text: str) -> str:
    """Heading text without its {attributes} and Markdown emphasis."""
    text = re.sub(r"\s*\{[^}]*\}\s*$", "", text)
    return re.sub(r"[*_`]", "", text).strip()


def _lang(config) -> str:
    return config.theme.get("language", "en")


def nav_order(files, config) -> list[str]:
    """The pages' src_uri in navigation order (the configured nav, else MkDocs' file order)."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            if node.endswith(".md"):
                found.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config.nav or [])
    listed = set(found)
    return found + [f.src_uri for f in files.documentation_pages() if f.src_uri not in listed]


def page_kind(file, meta: dict, source: str, path: str) -> str:
    """'book' for the landing page, 'chapter' when the front matter says so, else 'appendix'.

    Warns (and so fails a strict build) on an unknown kind, and on an H1 that reads like a
    chapter's ("Bab 3." / "Chapter 3.") on a page that is not marked as one.
    """
    if file.src_uri == "index.md":
        return "book"
    kind = meta.get("kind")
    if kind is not None and kind not in KINDS:
        line = next((n for n, text in enumerate(file.content_string.splitlines(), 1) if text.startswith("kind:")), 1)
        log.warning("%s:%d: unknown 'kind: %s' in the front matter; the only kind is 'chapter' (leave it out "
                    "for an appendix)", path, line, kind)
        return "appendix"
    h1 = H1_RE.search(source)
    if kind is None and h1 and CHAPTER_TITLE_RE.match(plain(h1.group(1))):
        log.warning("%s:%d: the H1 '%s' reads like a chapter, but the page is not marked as one; add "
                    "'kind: chapter' to its front matter (between --- lines at the top)", path,
                    source[: h1.start()].count("\n") + 1, plain(h1.group(1)))
    return kind or "appendix"


def check_chapter_h1(path: str, source: str, number: int, lang: str) -> None:
    """A chapter's H1 starts with its number as the navigation gives it ("Bab 3." / "Chapter 3.")."""
    h1 = H1_RE.search(source)
    expected = f"{CHAPTER_WORD[lang]} {number}."
    line = source[: h1.start()].count("\n") + 1 if h1 else 1
    if not h1 or not plain(h1.group(1)).startswith(expected + " "):
        found = plain(h1.group(1)) if h1 else "(no H1)"
        log.warning("%s:%d: this is chapter %d in the navigation, so its H1 must start with '%s' (it reads '%s'); "
                    "fix the H1 or the chapter's place in the nav", path, line, number, expected, found)


def section_numbers(number: int, headings) -> dict[str, str]:
    """H2 -> "n.1", "n.2"; H3 -> "n.1.1" under its H2. The reference list and an H3 before any H2 stay unnumbered."""
    numbers: dict[str, str] = {}
    h2 = h3 = 0
    for heading in headings:
        if not heading.id or heading.id in SKIP_SECTIONS:
            continue
        if heading.level == 2:
            h2, h3 = h2 + 1, 0
            numbers[heading.id] = f"{number}.{h2}"
        elif heading.level == 3 and h2:
            h3 += 1
            numbers[heading.id] = f"{number}.{h2}.{h3}"
    return numbers


def collect(files, config):
    """on_files: make the citable units of this edition and start formatting them."""
    from mkdocs.utils.meta import get_data

    root = Path(config.config_file_path).parent
    book = book_meta.read(root / "CITATION.cff")
    lang = _lang(config)
    book_title = config.extra.get("edition_title") or book.title
    site_url = _citation_base(book, config)
    docs_rel = Path(config.docs_dir).resolve().relative_to(root.resolve()).as_posix()
    dates = git_dates.file_dates(root, docs_rel)
    commit = git_dates.head_commit(root)
    pages = {f.src_uri: f for f in files.documentation_pages()}
    kinds = {}
    for uri, file in pages.items():
        _, meta = get_data(file.content_string)
        kinds[uri] = page_kind(file, meta, markdown_scan.mask(file.content_string), f"{docs_rel}/{uri}")
    chapters = [uri for uri in nav_order(files, config) if kinds.get(uri) == "chapter"]
    units: dict[str, PageUnits] = {}
    for file in pages.values():
        first, last = dates.get(f"{docs_rel}/{file.src_uri}", (book.date, book.date))
        source = markdown_scan.mask(file.content_string)
        h1 = H1_RE.search(source)
        slug = file.src_uri.rsplit(".", 1)[0].replace("/", "-")
        suffix = "" if lang == "id" else f"-{lang}"
        url = urljoin(site_url, file.url)
        kind = kinds[file.src_uri]
        if kind == "book":
            page = Citable(f"{KEY_PREFIX}-{book.year}{suffix}", "book", book_title, book_title, url, lang, book.date,
                           max(last, book.date))
        else:
            title = plain(file.content_string[h1.start(1):h1.end(1)]) if h1 else file.name
            page = Citable(f"{KEY_PREFIX}-{book.year}-{slug}{suffix}", "chapter", title, book_title, url, lang, first, last)
        entry = PageUnits(page, kind)
        if kind == "chapter" and file.src_uri in chapters:
            entry.number = chapters.index(file.src_uri) + 1
            check_chapter_h1(f"{docs_rel}/{file.src_uri}", source, entry.number, lang)
            headings = markdown_scan.find_headings(file.content_string)
            entry.numbers = section_numbers(entry.number, headings)
            label = cite_box.TERMS[lang]["section_label"]
            for heading in headings:
                if heading.level == 2 and heading.id in entry.numbers:
                    entry.sections[heading.id] = Citable(
                        f"{page.key}-{heading.id}", "chapter",
                        f"{page.title}: {label} {entry.numbers[heading.id]}. {plain(heading.text)}", book_title,
                        f"{url}#{heading.id}", lang, first, last)
        units[file.src_uri] = entry
    items = [csl_item(u, book, commit) for e in units.values() for u in [e.page, *e.sections.values()]]
    cache = root / config.extra.get("booktools", {}).get("cache_dir", ".cache")
    apa = StyleFormatter(root / "csl" / "apa.csl", lang, cache)
    chicago = StyleFormatter(root / "csl" / "chicago-author-date.csl", lang, cache)
    history = config.extra.get("booktools", {}).get("history_page")
    _editions[config.docs_dir] = Edition(
        book, commit, units, _pool.submit(apa.format, items), _pool.submit(chicago.format, items),
        history if history and files.get_file_from_path(history) else None,
        _source_base(root, config, docs_rel),
        _pdf_url(site_url, config, lang),
    )
    return files


def _pdf_url(site_url: str, config, lang: str) -> str | None:
    """The absolute address of this edition's PDF, or None (no downloads, or no real address)."""
    from urllib.parse import urlsplit

    downloads = config.extra.get("booktools", {}).get("downloads")
    if downloads is None or not urlsplit(site_url).netloc:
        return None
    return urljoin(site_url, downloads + cite_box.pdf_name(lang))


def _citation_base(book, config) -> str:
    """The address citations point to: CITATION.cff's url, else the published one (BOOK_CITATION_URL,
    set for the offline edition), else the site's. Relative when none is a real http(s) address."""
    from urllib.parse import urlsplit

    if config.site_url and urlsplit(config.site_url).netloc and not book.url:
        return config.site_url
    edition_path = config.extra.get("booktools", {}).get("edition_path", "")
    for candidate in (book.url, os.environ.get("BOOK_CITATION_URL")):
        if candidate and urlsplit(candidate).netloc:
            return urljoin(candidate.rstrip("/") + "/", edition_path)
    return ""


def _source_base(root: Path, config, docs_rel: str) -> str | None:
    import yaml

    repository = (yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8")) or {}).get("repository-code")
    return f"{repository.rstrip('/')}/blob/{{commit}}/{docs_rel}/" if repository else None


def insert_boxes(html: str, page, config, files) -> str:
    """on_page_content: section numbers, edition line and cite box after the H1, a cite control per section."""
    edition = _editions.get(config.docs_dir)
    entry = edition.units.get(page.file.src_uri) if edition else None
    if entry is None:
        return html
    entry.description = page_meta.opening_paragraph(html)
    apa, chicago = edition.apa.result(), edition.chicago.result()
    source = edition.source_base.format(commit=edition.commit) + page.file.src_uri \
        if edition.source_base and edition.commit else None
    # Archived editions (booktools/versions.py): each box also gives this release's fixed address and the latest.
    base = _citation_base(edition.book, config)
    fixed, latest = versions.edition_addresses(base, config.extra.get("booktools", {}).get("edition_path", ""),
                                               edition.book.version)

    def both(unit) -> str:
        if not fixed or not unit.url.startswith(base):
            return ""
        rel = unit.url[len(base):]
        return versions.permalinks_html(unit.lang, edition.book.version, fixed + rel, latest + rel)

    history_url = None
    if edition.history_src and edition.history_src != page.file.src_uri:
        from mkdocs.utils import get_relative_url

        history_url = get_relative_url(files.get_file_from_path(edition.history_src).url, page.url)
    level = {"book": "book", "chapter": "chapter"}.get(entry.kind, "page")
    downloads = config.extra.get("booktools", {}).get("downloads")
    if downloads is not None:
        downloads = "../" * page.url.count("/") + downloads
    edit_url, report = _repository_links(config, page)
    unit = entry.page
    head = cite_box.edition_line(unit, edition.book, history_url, downloads,
                                 offline=bool(os.environ.get("BOOK_OFFLINE")), edit_url=edit_url,
                                 report_url=report(unit.title, "") if report else None) \
        + cite_box.box_html(unit, level, edition.book, edition.commit, apa[unit.key], chicago[unit.key], source,
                            sections_hint=bool(entry.sections), versions_html=both(unit))
    match = H1_HTML_RE.search(html)
    html = html[: match.end()] + head + html[match.end():] if match else head + html

    def heading(m):
        section_id = m.group("id")
        number = entry.numbers.get(section_id)
        if number is None:
            return m.group(0)
        body = f'<span class="heading-number">{number}</span> {m.group("body")}'
        after = ""
        section = entry.sections.get(section_id)
        if section is not None:
            body += cite_box.section_control(section_id, number, unit.lang)
            after = cite_box.section_template(section_id, section, edition.book, edition.commit, apa[section.key],
                                              chicago[section.key], source, versions_html=both(section))
            if report:
                after += cite_box.report_link(unit.lang, report(section.title, section_id))
        level_ = m.group("level")
        return f'<h{level_} id="{section_id}"{m.group("attrs")}>{body}</h{level_}>{after}'

    if entry.numbers:
        html = HEADING_HTML_RE.sub(heading, html)
        _number_toc(page.toc, entry.numbers)
    return html


def _number_toc(items, numbers: dict[str, str]) -> None:
    """Put the section numbers in front of the titles of the page's table of contents."""
    for item in items or []:
        if item.id in numbers and not item.title.startswith(numbers[item.id] + " "):
            item.title = f"{numbers[item.id]} {item.title}"
        _number_toc(item.children, numbers)


def _repository_links(config, page):
    """(edit URL, function(title, section) -> prefilled issue URL), or (None, None) without a repository."""
    from urllib.parse import urlencode

    repository = (config.extra.get("repository") or "").rstrip("/")
    if not repository:
        return None, None
    root = Path(config.config_file_path).parent
    source = Path(config.docs_dir).resolve().relative_to(root.resolve()).as_posix() + "/" + page.file.src_uri
    branch = config.extra.get("repository_branch", "main")

    def report(title: str, section: str) -> str:
        query = {"template": "koreksi-fakta.yml", "title": f"[Koreksi] {title}", "page": source, "section": section}
        return f"{repository}/issues/new?{urlencode(query)}"

    return f"{repository}/edit/{branch}/{source}", report


def head_metadata(context, page, config):
    """on_page_context: Highwire, Dublin Core, OpenGraph and JSON-LD for this page, and its description."""
    edition = _editions.get(config.docs_dir)
    entry = edition.units.get(page.file.src_uri) if edition and page and page.file else None
    if entry is None:
        return context
    meta = page.meta if page.meta is not None else {}
    written = " ".join(str(meta.get("description") or "").split())
    abstract = written or entry.description
    description = written or page_meta.shorten(entry.description) or " ".join((config.site_description or "").split())
    if not written and description:
        meta["description"] = description  # Material's <meta name="description"> reads it
        page.meta = meta
    alternates = [(a["lang"], a["url"]) for a in context.get("booktools_alternates", [])]
    context["booktools_meta"] = page_meta.head_html(entry.page, edition.book, description, alternates, entry.kind,
                                                    pdf_url=edition.pdf_url, abstract=abstract, position=entry.number)
    return context

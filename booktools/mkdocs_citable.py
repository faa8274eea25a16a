"""MkDocs adapter for citable pages and sections: cite boxes, edition line, <head> metadata.

Once per edition (on_files): read CITATION.cff, the git dates of every page and
the H1/H2 of every page's source, and start formatting APA and Chicago text for
all of them in two pandoc processes. Per page: put the edition line and the cite
boxes into the HTML, and the metadata into the template context.
"""
from __future__ import annotations

import os
import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from . import book_meta, cite_box, git_dates, markdown_scan, page_meta
from .cite_formats import Citable, StyleFormatter, csl_item

H1_RE = re.compile(r"^#[ \t]+(.+?)[ \t]*$", re.M)
H1_HTML_RE = re.compile(r"<h1[^>]*>.*?</h1>", re.S)
H2_HTML_RE = re.compile(r'<h2 id="(?P<id>[^"]+)"[^>]*>.*?</h2>', re.S)
SKIP_SECTIONS = {"references"}
CHAPTER_TITLE_RE = re.compile(r"^(Bab|Chapter)\s+\d")
KEY_PREFIX = "turki-azerbaijan"


@dataclass
class PageUnits:
    page: Citable
    sections: dict[str, Citable] = field(default_factory=dict)


@dataclass
class Edition:
    book: book_meta.Book
    commit: str | None
    units: dict[str, PageUnits]
    apa: Future
    chicago: Future
    history_src: str | None
    source_base: str | None


_pool = ThreadPoolExecutor(max_workers=2)
_editions: dict[str, Edition] = {}


def plain(text: str) -> str:
    """Heading text without its {attributes} and Markdown emphasis."""
    text = re.sub(r"\s*\{[^}]*\}\s*$", "", text)
    return re.sub(r"[*_`]", "", text).strip()


def _lang(config) -> str:
    return config.theme.get("language", "en")


def collect(files, config):
    """on_files: make the citable units of this edition and start formatting them."""
    root = Path(config.config_file_path).parent
    book = book_meta.read(root / "CITATION.cff")
    lang = _lang(config)
    book_title = config.extra.get("edition_title") or book.title
    site_url = _citation_base(book, config)
    docs_rel = Path(config.docs_dir).resolve().relative_to(root.resolve()).as_posix()
    dates = git_dates.file_dates(root, docs_rel)
    commit = git_dates.head_commit(root)
    units: dict[str, PageUnits] = {}
    for file in files.documentation_pages():
        first, last = dates.get(f"{docs_rel}/{file.src_uri}", (book.date, book.date))
        source = markdown_scan.mask(file.content_string)
        h1 = H1_RE.search(source)
        slug = file.src_uri.rsplit(".", 1)[0].replace("/", "-")
        suffix = "" if lang == "id" else f"-{lang}"
        url = urljoin(site_url, file.url)
        if file.src_uri == "index.md":
            page = Citable(f"{KEY_PREFIX}-{book.year}{suffix}", "book", book_title, book_title, url, lang, book.date,
                           max(last, book.date))
        else:
            title = plain(file.content_string[h1.start(1):h1.end(1)]) if h1 else file.name
            page = Citable(f"{KEY_PREFIX}-{book.year}-{slug}{suffix}", "chapter", title, book_title, url, lang, first, last)
        entry = PageUnits(page)
        if page.kind == "chapter":
            for heading in markdown_scan.find_headings(file.content_string):
                if heading.level == 2 and heading.id and heading.id not in SKIP_SECTIONS:
                    entry.sections[heading.id] = Citable(
                        f"{page.key}-{heading.id}", "chapter", f"{page.title}: {plain(heading.text)}", book_title,
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
    )
    return files


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
    """on_page_content: edition line and page box after the H1, a section box after each H2."""
    edition = _editions.get(config.docs_dir)
    entry = edition.units.get(page.file.src_uri) if edition else None
    if entry is None:
        return html
    apa, chicago = edition.apa.result(), edition.chicago.result()
    source = edition.source_base.format(commit=edition.commit) + page.file.src_uri \
        if edition.source_base and edition.commit else None

    def box(unit: Citable, level: str) -> str:
        return cite_box.box_html(unit, level, edition.book, edition.commit, apa[unit.key], chicago[unit.key], source)

    history_url = None
    if edition.history_src and edition.history_src != page.file.src_uri:
        from mkdocs.utils import get_relative_url

        history_url = get_relative_url(files.get_file_from_path(edition.history_src).url, page.url)
    level = "book" if entry.page.kind == "book" else "chapter" if CHAPTER_TITLE_RE.match(entry.page.title) else "page"
    downloads = config.extra.get("booktools", {}).get("downloads")
    if downloads is not None:
        downloads = "../" * page.url.count("/") + downloads
    edit_url, report = _repository_links(config, page)
    head = cite_box.edition_line(entry.page, edition.book, history_url, downloads,
                                 offline=bool(os.environ.get("BOOK_OFFLINE")), edit_url=edit_url,
                                 report_url=report(entry.page.title, "") if report else None) + box(entry.page, level)
    match = H1_HTML_RE.search(html)
    html = html[: match.end()] + head + html[match.end():] if match else head + html

    def after_h2(m):
        unit = entry.sections.get(m.group("id"))
        if not unit:
            return m.group(0)
        link = cite_box.report_link(unit.lang, report(unit.title, m.group("id"))) if report else ""
        return m.group(0) + link + box(unit, "section")

    return H2_HTML_RE.sub(after_h2, html)


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
    """on_page_context: Highwire, Dublin Core, OpenGraph and JSON-LD for this page."""
    edition = _editions.get(config.docs_dir)
    entry = edition.units.get(page.file.src_uri) if edition and page and page.file else None
    if entry is None:
        return context
    description = (page.meta or {}).get("description") or config.site_description or ""
    alternates = [(a["lang"], a["url"]) for a in context.get("booktools_alternates", [])]
    context["booktools_meta"] = page_meta.head_html(entry.page, edition.book, " ".join(str(description).split()),
                                                    alternates)
    return context

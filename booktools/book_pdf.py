"""One PDF per edition, from the built site: cover, contents, every page in navigation order.

The pages' article HTML is combined into one print document (ids prefixed per page so
that links between chapters keep working inside the PDF), printed by Chromium as a tagged
PDF with page numbers and a bookmark outline of the headings, and given its metadata in
the edition's own language (document information and XMP) with pypdf.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from .book_meta import Book
from .config_file import read_config

ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
REMOVE_RES = [
    re.compile(r'<details class="cite-this".*?</details>', re.S),
    re.compile(r'<p class="edition-line".*?</p>', re.S),
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S),
    re.compile(r'\s*<a class="ref-global"[^>]*>.*?</a>', re.S),
    re.compile(r'<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>', re.S),
]
TERMS = {
    "id": {"contents": "Daftar isi", "edition": "Edisi", "licence": "Lisensi teks dan gambar: {}.", "by": "Oleh"},
    "en": {"contents": "Contents", "edition": "Edition", "licence": "Text and figures licensed {}.", "by": "By"},
}
CREATOR = "booktools (MkDocs + Chromium)"


def licence_name(spdx: str) -> str:
    """CITATION.cff's SPDX id as readers know it: CC-BY-4.0 -> CC BY 4.0, CC-BY-SA-4.0 -> CC BY-SA 4.0."""
    match = re.fullmatch(r"CC-([A-Z-]+)-(\d\.\d)", spdx)
    return f"CC {match.group(1)} {match.group(2)}" if match else spdx


@dataclass
class PdfMeta:
    """What a PDF reader shows about one edition, in that edition's language."""
    title: str
    lang: str
    authors: list[str]
    subject: str
    keywords: list[str] = field(default_factory=list)
    licence: str = ""
    date: dt.date | None = None
    version: str = ""
PRINT_CSS = """
@page { size: A4; margin: 20mm 18mm 22mm; }
body { background: #fff; }
.md-typeset { font-size: 10.5pt; }
.pdf-cover { height: 230mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
.pdf-cover h1 { font-size: 26pt; margin-bottom: 0.2em; color: #222; }
.pdf-cover .pdf-subtitle { font-size: 15pt; font-style: italic; }
.pdf-cover .pdf-meta { margin-top: 3em; font-size: 11pt; }
.pdf-toc { break-after: page; }
.pdf-toc ol { list-style: none; padding-left: 0; }
.pdf-toc li { margin: 0.3em 0; }
.pdf-page { break-before: page; }
.md-typeset details, .md-typeset .tl-filter, .md-typeset .tl-radio { display: none !important; }
.md-typeset .tl-event { display: block !important; }
"""


def nav_pages(config_file: Path) -> list[str]:
    """The Markdown files of a config's nav, in order (following INHERIT for the nav if needed)."""
    data = read_config(config_file)
    if "nav" not in data and data.get("INHERIT"):
        return nav_pages(config_file.parent / data["INHERIT"])
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(data.get("nav", []))
    return [p for p in found if p.endswith(".md")]


def _slug(page: str) -> str:
    return page.rsplit(".", 1)[0].replace("/", "-")


def _prefix_ids(content: str, slug: str, slugs: set[str]) -> str:
    content = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{slug}--{m.group(1)}"', content)

    def link(m):
        target = m.group(1)
        if target.startswith("#"):
            return f'href="#{slug}--{target[1:]}"'
        page, _, anchor = target.partition("#")
        if "/" not in page and page.endswith(".html") and page[:-5] in slugs:
            return f'href="#{page[:-5]}--{anchor or "top"}"'
        return m.group(0)

    return re.sub(r'href="([^"]+)"', link, content)


def combine(edition_dir: Path, pages: list[str], lang: str, book: Book, title: str) -> str:
    """The print document of one edition, to be saved inside edition_dir (assets are relative)."""
    first = (edition_dir / pages[0].replace(".md", ".html")).read_text(encoding="utf-8")
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', first)
    slugs = {_slug(p) for p in pages}
    sections, toc = [], []
    for page in pages:
        source = (edition_dir / page.replace(".md", ".html")).read_text(encoding="utf-8")
        match = ARTICLE_RE.search(source)
        if not match:
            raise ValueError(f"{page}: no article in the built page")
        content = match.group(1)
        for pattern in REMOVE_RES:
            content = pattern.sub("", content)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", content, re.S)
        name = re.sub(r"<[^>]+>", "", heading.group(1)).strip() if heading else page
        slug = _slug(page)
        toc.append(f'<li><a href="#{slug}--top">{name}</a></li>')
        sections.append(f'<section class="pdf-page" id="{slug}--top">{_prefix_ids(content, slug, slugs)}</section>')
    main, _, subtitle = title.partition(": ")
    t = TERMS[lang]
    cover = (f'<section class="pdf-cover"><h1>{html.escape(main)}</h1>'
             f'<p class="pdf-subtitle">{html.escape(subtitle)}</p>'
             f'<p class="pdf-meta">{t["by"]} {html.escape(", ".join(book.authors))}<br>'
             f'{t["edition"]} {html.escape(book.version)}, {book.date.isoformat()}<br>'
             f'{html.escape(t["licence"].format(licence_name(book.license)))}</p></section>')
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in styles)
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'{links}<style>{PRINT_CSS}</style></head><body dir="ltr"><div class="md-typeset">{cover}'
            f'<nav class="pdf-toc"><h2>{t["contents"]}</h2><ol>{"".join(toc)}</ol></nav>'
            f'{"".join(sections)}</div></body></html>')


def set_metadata(pdf: Path, meta: PdfMeta) -> None:
    """Document information, catalog /Lang and an XMP packet, all in the edition's language; keeps Chromium's tags."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject
    from pypdf.xmp import XmpInformation

    writer = PdfWriter(clone_from=PdfReader(pdf))
    writer.pdf_header = "%PDF-1.7"  # tags, XMP and /Lang are PDF 1.4+; Skia writes 1.3 here
    keywords = ", ".join(meta.keywords)
    writer.add_metadata({
        "/Title": meta.title,
        "/Author": ", ".join(meta.authors),
        "/Subject": meta.subject,
        "/Keywords": keywords,
        "/Creator": CREATOR,
    })
    writer.root_object[NameObject("/Lang")] = TextStringObject(meta.lang)
    xmp = XmpInformation.create()
    xmp.dc_title = {"x-default": meta.title, meta.lang: meta.title}
    xmp.dc_creator = list(meta.authors)
    xmp.dc_description = {"x-default": meta.subject, meta.lang: meta.subject}
    xmp.dc_subject = list(meta.keywords)
    xmp.dc_language = [meta.lang]
    if meta.licence:
        rights = licence_name(meta.licence)
        xmp.dc_rights = {"x-default": rights, meta.lang: rights}
    if meta.date:
        xmp.dc_date = [dt.datetime.combine(meta.date, dt.time())]
    xmp.pdf_keywords = keywords
    xmp.xmp_creator_tool = CREATOR
    writer.xmp_metadata = xmp
    stream = writer.root_object["/Metadata"].get_object()
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    with pdf.open("wb") as fh:
        writer.write(fh)


def tagged_and_outlined(pdf: Path) -> list[str]:
    """What an accessible PDF needs and this one lacks (empty when it is tagged, outlined and described)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    root = reader.root_object
    missing = []
    mark_info = root.get("/MarkInfo")
    if "/StructTreeRoot" not in root or not (mark_info and mark_info.get_object().get("/Marked")):
        missing.append("tags (/StructTreeRoot and /MarkInfo /Marked true)")
    if not reader.outline:
        missing.append("bookmark outline")
    if "/Lang" not in root:
        missing.append("/Lang")
    if reader.xmp_metadata is None:
        missing.append("XMP metadata")
    return missing

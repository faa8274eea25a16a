"""Machine-readable metadata for the <head> of a page: Highwire Press, Dublin Core, OpenGraph, JSON-LD.

Each page is typed as what it is (README, "Citing the book, a chapter or a section"):

* the landing page is the book: Highwire book tags, JSON-LD ``Book``;
* a chapter (front matter ``kind: chapter``) is a part of the book: ``citation_inbook_title``,
  JSON-LD ``Chapter`` with its number as ``position``;
* every other page (timeline, glossary, bibliography, how to cite, contributing, revision history)
  is an appendix of the book, not a work of its own: no Highwire tags, so Google Scholar lists the
  book and its chapters only; JSON-LD ``CreativeWork`` that ``isPartOf`` the book (schema.org has
  no appendix type, and ``Chapter`` would misstate it).

Highwire readers split ``citation_author`` into given and family name at the last space (Zotero's
Embedded Metadata translator does), which would turn an organisation into a fake person. An
organisation is therefore written in the inverted "Family, Given" form with an empty given name
("Name,"): Zotero then keeps the whole name as one family name (tests/test_citable.py reads the
tags back the way the translator does).
"""
from __future__ import annotations

import html
import json
import re

from .book_meta import Book
from .cite_formats import Citable, escape

OG_LOCALES = {"id": "id_ID", "en": "en_US"}
KINDS = ("book", "chapter", "appendix")
DESCRIPTION_CHARS = 300


def _meta(attr: str, name: str, content: str) -> str:
    return f'<meta {attr}="{escape(name)}" content="{escape(content)}">'


def highwire_authors(book: Book) -> list[str]:
    """citation_author values: "Family, Given" for a person, "Name," for an organisation."""
    if not book.creators:
        return list(book.authors)
    return [f"{c.name}," if c.is_organisation else f"{c.family}, {c.given}" if c.given else f"{c.family},"
            for c in book.creators]


def head_html(c: Citable, book: Book, description: str, alternates: list[tuple[str, str]], kind: str = "chapter",
              pdf_url: str | None = None, abstract: str = "", position: int | None = None) -> str:
    """alternates: (lang, absolute url) of this page in every edition; kind: one of KINDS."""
    if kind not in KINDS:
        raise ValueError(f"unknown page kind {kind!r}; use one of {', '.join(KINDS)}")
    is_book = kind == "book"
    tags = []
    if kind in ("book", "chapter"):
        tags.append(_meta("name", "citation_title", c.title))
        tags += [_meta("name", "citation_author", name) for name in highwire_authors(book)]
        tags += [
            _meta("name", "citation_publication_date", c.first_published.strftime("%Y/%m/%d")),
            _meta("name", "citation_online_date", c.last_revised.strftime("%Y/%m/%d")),
            _meta("name", "citation_language", c.lang),
            _meta("name", "citation_publisher", book.publisher),
            _meta("name", "citation_public_url", c.url),
        ]
        if kind == "chapter":
            tags += [_meta("name", "citation_inbook_title", c.book_title),
                     _meta("name", "citation_book_title", c.book_title)]
        if abstract:
            tags.append(_meta("name", "citation_abstract", abstract))
        if pdf_url:
            tags.append(_meta("name", "citation_pdf_url", pdf_url))
    tags += [
        '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">',
        _meta("name", "DC.title", c.title),
        *[_meta("name", "DC.creator", name) for name in book.authors],
        _meta("name", "DC.date", c.first_published.isoformat()),
        _meta("name", "DC.language", c.lang),
        _meta("name", "DC.identifier", c.url),
        _meta("name", "DC.publisher", book.publisher),
        _meta("name", "DC.type", "Text"),
        _meta("name", "DC.rights", book.license),
    ]
    if not is_book:
        tags.append(_meta("name", "DC.relation.isPartOf", c.book_title))
    tags += [
        _meta("property", "og:title", c.title),
        _meta("property", "og:type", "book" if is_book else "article"),
        _meta("property", "og:url", c.url),
        _meta("property", "og:site_name", c.book_title),
        _meta("property", "og:description", description),
        _meta("property", "og:locale", OG_LOCALES[c.lang]),
        *[_meta("property", "og:locale:alternate", OG_LOCALES[lang]) for lang, _ in alternates if lang != c.lang],
    ]
    data = json_ld(c, book, description, alternates, kind, position)
    tags.append('<script type="application/ld+json">' + json.dumps(data, ensure_ascii=False).replace("</", "<\\/") + "</script>")
    return "\n".join(tags)


def json_ld(c: Citable, book: Book, description: str, alternates: list[tuple[str, str]], kind: str = "chapter",
            position: int | None = None) -> dict:
    authors = [{"@type": "Organization" if cr.is_organisation else "Person", "name": cr.name}
               for cr in book.creators] or [{"@type": "Organization", "name": name} for name in book.authors]
    common = {
        "@context": "https://schema.org",
        "name": c.title,
        "author": authors,
        "inLanguage": c.lang,
        "url": c.url,
        "datePublished": c.first_published.isoformat(),
        "dateModified": c.last_revised.isoformat(),
        "publisher": {"@type": "Organization", "name": book.publisher},
        "license": f"https://spdx.org/licenses/{book.license}" if book.license else None,
        "description": description,
    }
    if kind == "book":
        data = {"@type": "Book", **common, "bookEdition": book.version, "version": book.version,
                "workTranslation" if c.lang == "id" else "translationOfWork":
                    [{"@type": "Book", "url": url, "inLanguage": lang} for lang, url in alternates if lang != c.lang]}
    else:
        book_url = c.url.split("#")[0].rsplit("/", 1)[0] + "/"
        data = {"@type": "Chapter" if kind == "chapter" else "CreativeWork", **common,
                "position": position if kind == "chapter" else None,
                "isPartOf": {"@type": "Book", "name": c.book_title, "url": book_url, "bookEdition": book.version,
                             "author": authors}}
    return {k: v for k, v in data.items() if v not in (None, [], "")}


PARAGRAPH_RE = re.compile(r"<p>(.*?)</p>", re.S)
CITATION_RE = re.compile(r'\s*<a class="citation"[^>]*>.*?</a>', re.S)
TAG_RE = re.compile(r"<[^>]+>")


def opening_paragraph(content: str) -> str:
    """The text of the first plain paragraph after the H1, citations left out ("" if there is none).

    The page's own description and citation_abstract. Paragraphs with a class (the edition line)
    and paragraphs without text (an image) are skipped.
    """
    h1 = content.find("</h1>")
    for match in PARAGRAPH_RE.finditer(content, h1 + 1 if h1 >= 0 else 0):
        text = html.unescape(TAG_RE.sub("", CITATION_RE.sub("", match.group(1))))
        text = re.sub(r"\s+", " ", text)
        text = re.sub(r"\s+([.,;:!?)])", r"\1", text).replace("()", "").strip()
        if text:
            return text
    return ""


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """At most `limit` characters, cut at a sentence or word end (for <meta name="description">)."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence = max(cut.rfind(". "), cut.rfind("? "))
    if sentence > limit // 2:
        return cut[: sentence + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + "…"

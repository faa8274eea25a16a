"""Machine-readable metadata for the <head> of a page: Highwire Press, Dublin Core, OpenGraph, JSON-LD.

Book-level Highwire tags appear only on the landing page; every other page is a
chapter of the book (``citation_inbook_title``), so indexers do not take the book
and its chapters for duplicates.
"""
from __future__ import annotations

import json

from .book_meta import Book
from .cite_formats import Citable, escape

OG_LOCALES = {"id": "id_ID", "en": "en_US"}


def _meta(attr: str, name: str, content: str) -> str:
    return f'<meta {attr}="{escape(name)}" content="{escape(content)}">'


def head_html(c: Citable, book: Book, description: str, alternates: list[tuple[str, str]]) -> str:
    """alternates: (lang, absolute url) of this page in every edition."""
    is_book = c.kind == "book"
    tags = [_meta("name", "citation_title", c.title)]
    tags += [_meta("name", "citation_author", name) for name in book.authors]
    tags += [
        _meta("name", "citation_publication_date", c.first_published.strftime("%Y/%m/%d")),
        _meta("name", "citation_online_date", c.last_revised.strftime("%Y/%m/%d")),
        _meta("name", "citation_language", c.lang),
        _meta("name", "citation_publisher", book.publisher),
        _meta("name", "citation_public_url", c.url),
    ]
    if not is_book:
        tags += [_meta("name", "citation_inbook_title", c.book_title), _meta("name", "citation_book_title", c.book_title)]
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
    data = json_ld(c, book, description, alternates)
    tags.append('<script type="application/ld+json">' + json.dumps(data, ensure_ascii=False).replace("</", "<\\/") + "</script>")
    return "\n".join(tags)


def json_ld(c: Citable, book: Book, description: str, alternates: list[tuple[str, str]]) -> dict:
    authors = [{"@type": "Organization", "name": name} for name in book.authors]
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
    if c.kind == "book":
        data = {"@type": "Book", **common, "bookEdition": book.version, "version": book.version,
                "workTranslation" if c.lang == "id" else "translationOfWork":
                    [{"@type": "Book", "url": url, "inLanguage": lang} for lang, url in alternates if lang != c.lang]}
    else:
        book_url = c.url.split("#")[0].rsplit("/", 1)[0] + "/"
        data = {"@type": "Chapter", **common,
                "isPartOf": {"@type": "Book", "name": c.book_title, "url": book_url, "bookEdition": book.version,
                             "author": authors}}
    return {k: v for k, v in data.items() if v not in (None, [], "")}

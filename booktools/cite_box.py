"""The cite box of a page, the cite control of each section, and the edition line, as HTML.

A page has one box at the top (a <details> element: it opens without JavaScript), with
the one COinS span of the page. Each section of a chapter has a small button in its
heading row; the formats it opens are in an inert <template> beside the heading, which
the browser neither lays out nor styles until the reader asks (cite-copy.js puts them
in a panel under the heading). So a chapter of ten sections reads without ten boxes in
the way, and its DOM stays small.
"""
from __future__ import annotations

import datetime as dt
import json

from .book_meta import Book
from .cite_formats import Citable, bibtex_entry, coins, csl_item, escape, ris_record

TERMS = {
    "id": {
        "book": "Kutip buku ini", "chapter": "Kutip bab ini", "page": "Kutip halaman ini", "section": "Kutip bagian ini",
        "section_label": "Bagian", "cite_section": "Kutip bagian",
        "sections_hint": "Setiap bagian dapat dikutip sendiri: tombol kutip ada di samping judul bagian.",
        "edition": "Edisi", "permalink": "Tautan permanen", "copy": "Salin", "commit": "komit",
        "first": "Pertama terbit", "revised": "terakhir direvisi", "history": "riwayat revisi",
        "months": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                   "Oktober", "November", "Desember"],
        "edition_note": "Untuk mengutip edisi tertentu, sebutkan versi dan komit ini.",
        "offline": "versi luring (zip)",
        "edit": "sunting halaman ini", "report_page": "laporkan kesalahan",
        "report_section": "Laporkan kesalahan di bagian ini",
    },
    "en": {
        "book": "Cite this book", "chapter": "Cite this chapter", "page": "Cite this page", "section": "Cite this section",
        "section_label": "Section", "cite_section": "Cite section",
        "sections_hint": "Each section can be cited on its own: the cite button is beside the section's heading.",
        "edition": "Edition", "permalink": "Permalink", "copy": "Copy", "commit": "commit",
        "first": "First published", "revised": "last revised", "history": "revision history",
        "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"],
        "edition_note": "To cite this exact edition, give this version and commit.",
        "offline": "offline edition (zip)",
        "edit": "edit this page", "report_page": "report an error",
        "report_section": "Report an error in this section",
    },
}


def pdf_name(lang: str) -> str:
    """The file name of an edition's PDF in downloads/ (scripts/make_pdf.py writes it)."""
    return f"turki-azerbaijan-{lang}.pdf"


def long_date(day: dt.date, lang: str) -> str:
    month = TERMS[lang]["months"][day.month - 1]
    return f"{day.day} {month} {day.year}" if lang == "id" else f"{month} {day.day}, {day.year}"


def edition_line(c: Citable, book: Book, history_url: str | None, downloads: str | None = None,
                 offline: bool = False, edit_url: str | None = None, report_url: str | None = None) -> str:
    """downloads: relative URL of the site's downloads/ folder (None: no download links)."""
    t = TERMS[c.lang]
    history = f' · <a href="{escape(history_url)}">{t["history"]}</a>' if history_url else ""
    if downloads is not None:
        history += f' · <a href="{escape(downloads)}turki-azerbaijan-{c.lang}.pdf">PDF</a>'
        if not offline:  # the offline edition is the zip itself
            history += f' · <a href="{escape(downloads)}turki-azerbaijan-luring.zip">{t["offline"]}</a>'
    if edit_url:
        history += f' · <a href="{escape(edit_url)}">{t["edit"]}</a>'
    if report_url:
        history += f' · <a href="{escape(report_url)}">{t["report_page"]}</a>'
    return (f'<p class="edition-line" data-search-exclude>{t["first"]} {long_date(c.first_published, c.lang)}, '
            f'{t["revised"]} {long_date(c.last_revised, c.lang)} · {t["edition"]} {escape(book.version)} '
            f'({long_date(book.date, c.lang)}){history}</p>')


def _formats_html(c: Citable, book: Book, commit: str | None, apa: str, chicago: str,
                  source_url: str | None, versions_html: str = "") -> str:
    """The permalink, edition and the five formats with their copy buttons (the inside of a box).
    versions_html: this release's fixed address and the latest one (booktools/versions.py)."""
    t = TERMS[c.lang]
    formats = [
        ("APA 7", f'<div class="cite-this__text">{apa}</div>'),
        ("Chicago", f'<div class="cite-this__text">{chicago}</div>'),
        # Plain <pre> (no <code>): Material would otherwise set up a copy button and observers for each
        # block, which cost main-thread time on a phone. tabindex: a long record scrolls, so a keyboard
        # user must be able to focus it (WCAG 2.1.1).
        ("BibTeX", f'<pre class="cite-this__code" tabindex="0">{escape(bibtex_entry(c, book, commit))}</pre>'),
        ("RIS", f'<pre class="cite-this__code" tabindex="0">{escape(ris_record(c, book, commit))}</pre>'),
        ("CSL-JSON", '<pre class="cite-this__code" tabindex="0">'
         + escape(json.dumps(csl_item(c, book, commit), ensure_ascii=False, indent=2)) + "</pre>"),
    ]
    rows = []
    for index, (name, body) in enumerate(formats):
        target = f"cite-{c.key}-{index}"
        rows.append(f'<dt>{name}</dt><dd><div id="{target}" class="cite-this__format">{body}</div>'
                    f'<button type="button" class="md-button cite-this__copy" data-copy="{target}">{t["copy"]}</button></dd>')
    commit_text = f", {t['commit']} <code>{escape(commit)}</code>" if commit else ""
    if commit and source_url:
        commit_text = f', {t["commit"]} <a href="{escape(source_url)}"><code>{escape(commit)}</code></a>'
    return (f'<p class="cite-this__edition">{t["permalink"]}: <a href="{escape(c.url)}">{escape(c.url)}</a><br>'
            f'{t["edition"]} {escape(book.version)} ({long_date(book.date, c.lang)}){commit_text}. {t["edition_note"]}</p>'
            f'{versions_html}'
            f'<dl class="cite-this__formats">{"".join(rows)}</dl>')


def box_html(c: Citable, level: str, book: Book, commit: str | None, apa: str, chicago: str,
             source_url: str | None = None, sections_hint: bool = False, versions_html: str = "") -> str:
    """The page's box. level: 'book', 'chapter' or 'page'. It carries the page's one COinS span."""
    t = TERMS[c.lang]
    hint = f'<p class="cite-this__hint">{t["sections_hint"]}</p>' if sections_hint else ""
    return (
        f'<details class="cite-this" data-search-exclude>'
        f'<summary>{t[level]}</summary>'
        f'{_formats_html(c, book, commit, apa, chicago, source_url, versions_html)}{hint}'
        f'<span class="Z3988" title="{escape(coins(c, book))}"></span>'
        f"</details>"
    )


def section_control(section_id: str, number: str, lang: str) -> str:
    """The button in a section's heading row (inside the <h2>). Hidden until the script runs (book.css)."""
    label = f'{TERMS[lang]["cite_section"]} {number}'
    return (f'<button type="button" class="cite-section" data-cite-section="{escape(section_id)}" '
            f'aria-expanded="false" aria-label="{escape(label)}" title="{escape(label)}"></button>')


def section_template(section_id: str, c: Citable, book: Book, commit: str | None, apa: str, chicago: str,
                     source_url: str | None = None, versions_html: str = "") -> str:
    """The formats of one section, inert until opened. No COinS: a page offers Zotero one item, itself."""
    return (f'<template id="cite-section-{escape(section_id)}" data-search-exclude>'
            f'{_formats_html(c, book, commit, apa, chicago, source_url, versions_html)}</template>')


def report_link(lang: str, url: str) -> str:
    return (f'<p class="section-report" data-search-exclude><a href="{escape(url)}">'
            f'{TERMS[lang]["report_section"]}</a></p>')

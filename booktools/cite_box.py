"""The "Kutip bagian ini / Cite this section" box and the edition line, as HTML.

Everything a reader needs is in the HTML (a <details> element opens without
JavaScript); the script only adds the copy buttons' behaviour.
"""
from __future__ import annotations

import datetime as dt
import json

from .book_meta import Book
from .cite_formats import Citable, bibtex_entry, coins, csl_item, escape, ris_record

TERMS = {
    "id": {
        "book": "Kutip buku ini", "chapter": "Kutip bab ini", "page": "Kutip halaman ini", "section": "Kutip bagian ini",
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


def box_html(c: Citable, level: str, book: Book, commit: str | None, apa: str, chicago: str,
             source_url: str | None = None) -> str:
    """level: 'book', 'chapter', 'page' or 'section'."""
    t = TERMS[c.lang]
    formats = [
        ("APA 7", f'<div class="cite-this__text">{apa}</div>'),
        ("Chicago", f'<div class="cite-this__text">{chicago}</div>'),
        # Plain <pre> (no <code>): Material would otherwise set up a copy button and observers for each of
        # the many blocks on a chapter page, which cost a second of main-thread time on a phone.
        ("BibTeX", f'<pre class="cite-this__code">{escape(bibtex_entry(c, book, commit))}</pre>'),
        ("RIS", f'<pre class="cite-this__code">{escape(ris_record(c, book, commit))}</pre>'),
        ("CSL-JSON", '<pre class="cite-this__code">'
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
    return (
        f'<details class="cite-this" data-search-exclude>'
        f'<summary>{t[level]}</summary>'
        f'<p class="cite-this__edition">{t["permalink"]}: <a href="{escape(c.url)}">{escape(c.url)}</a><br>'
        f'{t["edition"]} {escape(book.version)} ({long_date(book.date, c.lang)}){commit_text}. {t["edition_note"]}</p>'
        f'<dl class="cite-this__formats">{"".join(rows)}</dl>'
        f'<span class="Z3988" title="{escape(coins(c, book))}"></span>'
        f"</details>"
    )


def report_link(lang: str, url: str) -> str:
    return (f'<p class="section-report" data-search-exclude><a href="{escape(url)}">'
            f'{TERMS[lang]["report_section"]}</a></p>')

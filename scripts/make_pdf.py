"""Build the PDF of each edition from the built site (one command, offline).

Usage: python scripts/make_pdf.py [--site site]
Writes site/downloads/turki-azerbaijan-id.pdf and site/downloads/turki-azerbaijan-en.pdf.
Needs Chromium (`make browser`); run after `mkdocs build`.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booktools import book_meta, book_pdf  # noqa: E402
from booktools.config_file import read_config  # noqa: E402

EDITIONS = [("id", "mkdocs.yml", ""), ("en", "mkdocs.en.yml", "en")]
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#555">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def pdf_name(lang: str) -> str:
    return f"turki-azerbaijan-{lang}.pdf"


def edition_title(lang: str, book) -> str:
    return edition_meta(lang, book).title


def edition_meta(lang: str, book) -> book_pdf.PdfMeta:
    """The PDF's metadata in the edition's language: CITATION.cff, with the edition's own title, abstract
    and keywords from its config file (extra.edition_title, edition_abstract, edition_keywords) if it has them."""
    config = next(c for code, c, _ in EDITIONS if code == lang)
    extra = read_config(ROOT / config).get("extra") or {}
    if config != "mkdocs.yml":  # an edition config names only what differs from the primary edition
        missing = [k for k in ("edition_title", "edition_abstract", "edition_keywords") if not extra.get(k)]
        if missing:
            raise SystemExit(f"{config}: extra.{', extra.'.join(missing)} missing; the {lang} PDF would show "
                             "Indonesian metadata. Add them in the edition's language.")
    return book_pdf.PdfMeta(
        title=extra.get("edition_title") or book.title, lang=lang, authors=book.authors,
        subject=" ".join(str(extra.get("edition_abstract") or book.abstract).split()),
        keywords=[str(k) for k in extra.get("edition_keywords") or book.keywords],
        licence=book.license, date=book.date, version=book.version)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    args.site = args.site.resolve()  # Chromium opens the print document by its file:// address
    chromium = os.environ.get("BOOK_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        print("Chromium not found: run `make browser` (or set BOOK_CHROMIUM) to build the PDFs")
        return 1
    from playwright.sync_api import sync_playwright

    book = book_meta.read(ROOT / "CITATION.cff")
    out_dir = args.site / "downloads"
    out_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for lang, config, sub in EDITIONS:
            edition_dir = args.site / sub if sub else args.site
            title = edition_title(lang, book)
            document = edition_dir / "_print-book.html"
            document.write_text(book_pdf.combine(edition_dir, book_pdf.nav_pages(ROOT / config), lang, book, title),
                                encoding="utf-8")
            target = out_dir / pdf_name(lang)
            page = browser.new_page()
            page.goto(document.as_uri(), wait_until="load")
            page.emulate_media(media="print")
            # tagged: a structure tree for screen readers; outline: bookmarks from the h1-h6 of the document.
            page.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
                     header_template="<span></span>", footer_template=FOOTER, tagged=True, outline=True,
                     margin={"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"})
            page.close()
            document.unlink()
            book_pdf.set_metadata(target, edition_meta(lang, book))
            print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB)")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

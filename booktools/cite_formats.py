"""How to cite the book, one of its chapters or one of its sections, in every format readers use.

A ``Citable`` is the book, a page (chapter) or an H2 section of a page. From it come
CSL-JSON, BibTeX (``@book`` or ``@incollection`` with the book as booktitle),
RIS, a COinS string for Zotero, and APA 7 and Chicago author-date text formatted
by pandoc's citeproc with the committed CSL styles, in one batch per style.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from .book_meta import Book
from .csl import without_year_suffixes

LANG_NAMES = {"id": ("indonesian", "id-ID"), "en": ("english", "en-US")}


@dataclass
class Citable:
    key: str  # stable: BibTeX key, CSL id, element ids
    kind: str  # "book" or "chapter" (a section is cited as a chapter-like part of the book)
    title: str
    book_title: str
    url: str
    lang: str
    first_published: dt.date
    last_revised: dt.date


def csl_item(c: Citable, book: Book, commit: str | None) -> dict:
    item = {
        "id": c.key,
        "type": "book" if c.kind == "book" else "chapter",
        "title": c.title,
        "author": [{"literal": name} for name in book.authors],
        "publisher": book.publisher,
        "issued": {"date-parts": [[book.date.year, book.date.month, book.date.day]]},
        "version": book.version,
        "URL": c.url,
        "language": c.lang,
    }
    if c.kind != "book":
        item["container-title"] = c.book_title
    if commit:
        item["note"] = f"commit {commit}"
    return item


def _bib(value: str) -> str:
    """Escape BibTeX specials; the outer braces the caller adds keep the capitalisation."""
    value = value.replace("\\", r"\textbackslash{}")
    return re.sub(r"([&%$#_{}])", r"\\\1", value)


def bibtex_entry(c: Citable, book: Book, commit: str | None) -> str:
    fields = [("author", " and ".join("{" + _bib(a) + "}" for a in book.authors)), ("title", "{" + _bib(c.title) + "}")]
    if c.kind != "book":
        fields.append(("booktitle", "{" + _bib(c.book_title) + "}"))
    fields += [
        ("publisher", _bib(book.publisher)),
        ("year", str(book.date.year)),
        ("date", book.date.isoformat()),
        ("version", book.version),
        ("url", c.url),
        ("language", LANG_NAMES[c.lang][0]),
    ]
    if commit:
        fields.append(("note", f"Version {book.version}, commit {commit}"))
    kind = "book" if c.kind == "book" else "incollection"
    body = ",\n".join(f"  {name:<9} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{c.key},\n{body}\n}}"


def ris_record(c: Citable, book: Book, commit: str | None) -> str:
    lines = [("TY", "BOOK" if c.kind == "book" else "CHAP")]
    lines += [("AU", name) for name in book.authors]
    lines.append(("TI", c.title))
    if c.kind != "book":
        lines.append(("T2", c.book_title))
    lines += [("PY", str(book.date.year)), ("DA", book.date.strftime("%Y/%m/%d")), ("PB", book.publisher),
              ("ET", book.version), ("UR", c.url), ("LA", c.lang)]
    if commit:
        lines.append(("N1", f"Version {book.version}, commit {commit}"))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}".rstrip() for tag, value in lines)


def coins(c: Citable, book: Book) -> str:
    """The title attribute of a COinS span (OpenURL 1.0 KEV, book format)."""
    pairs = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"),
             ("rft.genre", "book" if c.kind == "book" else "bookitem")]
    if c.kind == "book":
        pairs.append(("rft.btitle", c.title))
    else:
        pairs += [("rft.atitle", c.title), ("rft.btitle", c.book_title)]
    pairs += [("rft.aucorp", name) for name in book.authors]
    pairs += [("rft.pub", book.publisher), ("rft.date", book.date.isoformat()), ("rft.edition", book.version),
              ("rft.language", c.lang), ("rft_id", c.url)]
    return urlencode(pairs)


class StyleFormatter:
    """Formats CSL-JSON items with one CSL style through pandoc, keeping results per item on disk."""

    def __init__(self, csl_path: Path, lang: str, cache_dir: Path | None):
        import pypandoc

        self.csl_text = without_year_suffixes(csl_path.read_text(encoding="utf-8"))
        self.locale = LANG_NAMES[lang][1]
        self.salt = hashlib.sha256((self.csl_text + self.locale + pypandoc.get_pandoc_version()).encode()).hexdigest()
        self.cache_path = cache_dir / f"cite-{self.salt[:20]}.json" if cache_dir else None
        self.cache: dict[str, str] = {}
        if self.cache_path and self.cache_path.exists():
            try:
                self.cache = json.loads(self.cache_path.read_text(encoding="utf-8"))
            except ValueError:
                self.cache = {}

    def _digest(self, item: dict) -> str:
        return hashlib.sha256(json.dumps(item, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def format(self, items: list[dict]) -> dict[str, str]:
        """Map item id -> formatted reference (HTML, no wrapper)."""
        todo = [item for item in items if self._digest(item) not in self.cache]
        if todo:
            for item, text in zip(todo, self._run_pandoc(todo)):
                self.cache[self._digest(item)] = text
            if self.cache_path:
                self.cache_path.parent.mkdir(parents=True, exist_ok=True)
                self.cache_path.write_text(json.dumps(self.cache, ensure_ascii=False), encoding="utf-8")
        return {item["id"]: self.cache[self._digest(item)] for item in items}

    def _run_pandoc(self, items: list[dict]) -> list[str]:
        import pypandoc

        with tempfile.TemporaryDirectory() as tmp:
            bib = Path(tmp) / "items.json"
            csl = Path(tmp) / "style.csl"
            bib.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
            csl.write_text(self.csl_text, encoding="utf-8")
            doc = f"---\nnocite: '@*'\nlang: {self.locale}\n---\n"
            out = pypandoc.convert_text(doc, "html", "markdown", extra_args=[
                "--citeproc", "--bibliography", str(bib), "--csl", str(csl), "--wrap=none"])
        found = {m.group(1): m.group(2).strip() for m in re.finditer(
            r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>\s*(.*?)\s*</div>', out, re.S)}
        missing = [item["id"] for item in items if item["id"] not in found]
        if missing:
            raise RuntimeError(f"pandoc did not format {missing[:3]}")
        return [found[item["id"]] for item in items]


def escape(text: str) -> str:
    return html.escape(text, quote=True)

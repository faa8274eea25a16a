"""Tables that scroll sideways on a phone are reachable by keyboard and have a name.

Each table of a page is wrapped in ``<div class="table-scroll" role="region" tabindex="0"
aria-label="...">``: the wrapper is the element that scrolls (book.css), so a keyboard user can
focus it and scroll it with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable), and a
screen reader announces it by name. The name is the table's <caption>, else the paragraph just
before it when that starts with "Tabel 5.1." / "Table 5.1.", else the table's column headings.
"""
from __future__ import annotations

import html
import re

TABLE_RE = re.compile(r"(?P<before><p>(?P<label>(?:(?!</p>).)*)</p>\s*)?(?P<table><table\b[^>]*>.*?</table>)", re.S)
CAPTION_RE = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S)
HEADER_RE = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
TABLE_LABEL_RE = re.compile(r"^(Tabel|Table)\s+\d+(\.\d+)*\b")
CITATION_RE = re.compile(r'\s*<a class="citation"[^>]*>.*?</a>', re.S)
TERMS = {"id": "Tabel", "en": "Table"}
MAX_LABEL = 160


def _text(fragment: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", CITATION_RE.sub("", fragment)))
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s+([.,;:)])", r"\1", text).strip()


def label(table: str, before: str | None, lang: str) -> str:
    """The accessible name of a table (see the module docstring)."""
    caption = CAPTION_RE.search(table)
    if caption and _text(caption.group(1)):
        name = _text(caption.group(1))
    elif before and TABLE_LABEL_RE.match(_text(before)):
        name = _text(before)
    else:
        headers = [_text(h) for h in HEADER_RE.findall(table)]
        name = f"{TERMS.get(lang, 'Table')}: {', '.join(h for h in headers if h)}"
    if len(name) > MAX_LABEL:
        name = name[:MAX_LABEL].rsplit(" ", 1)[0] + "…"
    return name


def wrap(content: str, lang: str) -> str:
    """Wrap every table of a page's HTML."""

    def one(m):
        name = label(m.group("table"), m.group("label"), lang)
        return (f'{m.group("before") or ""}<div class="table-scroll" role="region" tabindex="0" '
                f'aria-label="{html.escape(name, quote=True)}">{m.group("table")}</div>')

    return TABLE_RE.sub(one, content)

"""Turn formatted citations and references into the book's Markdown.

Input is what mkdocs-bibtex produced with pandoc (inline text, and one
``[^cite-KEY]: reference`` line per work); output is a linked citation and an
alphabetical reference list whose entries carry stable ids ``ref-KEY``.
"""
from __future__ import annotations

import html
import re
import unicodedata

FOOTNOTE_PREFIX = "cite-"
REFERENCE_LINE_RE = re.compile(r"^\[\^" + FOOTNOTE_PREFIX + r"(?P<key>[A-Za-z0-9_-]+)\]: (?P<text>.*)$", re.M)
FULL_BIBLIOGRAPHY_MARKER = "<!-- booktools:full-bibliography -->"

TERMS = {
    "id": {"references": "Referensi", "in_bibliography": "Lihat entri ini di daftar pustaka lengkap"},
    "en": {"references": "References", "in_bibliography": "See this entry in the full bibliography"},
}


def sort_key(text: str) -> str:
    """Alphabetical order of a formatted reference: accents, case and markup ignored."""
    plain = re.sub(r"[*_\\<>\[\]{}]", "", text)
    plain = unicodedata.normalize("NFKD", plain)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()


def linked_citation(text: str, keys: list[str]) -> str:
    """A citation that links to its first reference and names all of them for the popover."""
    if not keys:
        return text
    cites = html.escape(" ".join(keys), quote=True)
    return f'[{text}](#ref-{keys[0]}){{: .citation data-cites="{cites}" }}'


def reference_list(entries: dict[str, str], lang: str, heading: bool = True, full_list_url: str | None = None) -> str:
    """Markdown for an alphabetical list of references with ``#ref-KEY`` ids."""
    if not entries:
        return ""
    terms = TERMS[lang]
    lines = []
    if heading:
        lines += [f"## {terms['references']} {{#references}}", ""]
    lines += ['<div class="references" markdown>', ""]
    for key, text in sorted(entries.items(), key=lambda item: (sort_key(item[1]), item[0])):
        more = ""
        if full_list_url:
            title = terms["in_bibliography"]
            more = f' [↗]({full_list_url}#ref-{key} "{title}"){{: .ref-global aria-label="{title}" }}'
        lines += [f"{text}{more}", f"{{: #ref-{key} .csl-entry }}", ""]
    lines += ["</div>", ""]
    return "\n".join(lines)


def extract_reference_lines(markdown: str) -> tuple[str, dict[str, str]]:
    """Remove mkdocs-bibtex's ``[^cite-KEY]: text`` lines; return the rest and the entries."""
    entries = {m.group("key"): m.group("text").strip() for m in REFERENCE_LINE_RE.finditer(markdown)}
    return REFERENCE_LINE_RE.sub("", markdown).rstrip() + "\n", entries

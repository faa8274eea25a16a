"""Turn pandoc's formatted citations and references into the book's HTML.

Input is what mkdocs-bibtex produced with pandoc: inline text such as
``(*Title*, 2020, p. 3)`` and one ``[^cite-KEY]: reference`` line per work, both
in pandoc's Markdown. Output is a citation link and an alphabetical reference
list whose entries carry stable ids ``ref-KEY``.

Citations and lists travel through Python-Markdown as opaque tokens and are
swapped for HTML afterwards (``Snippets``): each formatted string is converted
once, and nothing inside a reference can be re-read as Markdown.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata

import markdown

FOOTNOTE_PREFIX = "cite-"
REFERENCE_LINE_RE = re.compile(r"^\[\^" + FOOTNOTE_PREFIX + r"(?P<key>[A-Za-z0-9_-]+)\]: (?P<text>.*)$", re.M)
FULL_BIBLIOGRAPHY_MARKER = "<!-- booktools:full-bibliography -->"
PANDOC_SPAN_RE = re.compile(r"\[([^\[\]]*)\]\{\.(?:nocase|smallcaps)\}")
TOKEN_RE = re.compile(r"BKT[A-Z]+[0-9a-f]{16}X")

TERMS = {
    "id": {"references": "Referensi", "in_bibliography": "Lihat entri ini di daftar pustaka lengkap"},
    "en": {"references": "References", "in_bibliography": "See this entry in the full bibliography"},
}

_converter = markdown.Markdown(extensions=["smarty"])
_html_cache: dict[str, str] = {}
_html_cache_size_on_load = 0


def load_html_cache(path) -> None:
    """Conversions of earlier builds (pandoc Markdown -> HTML), so a warm build converts only new text."""
    global _html_cache_size_on_load
    try:
        _html_cache.update(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass
    _html_cache_size_on_load = len(_html_cache)


def save_html_cache(path) -> None:
    if len(_html_cache) != _html_cache_size_on_load:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(_html_cache, ensure_ascii=False), encoding="utf-8")


def clean(text: str) -> str:
    """Drop pandoc-only span markup (``[de Waal]{.nocase}``)."""
    return PANDOC_SPAN_RE.sub(r"\1", text)


def to_html(text: str) -> str:
    """Inline HTML for one formatted citation or reference (pandoc Markdown in)."""
    if text not in _html_cache:
        _converter.reset()
        rendered = _converter.convert(clean(text)).strip()
        if rendered.startswith("<p>") and rendered.endswith("</p>"):
            rendered = rendered[3:-4]
        _html_cache[text] = rendered
    return _html_cache[text]


def sort_key(text: str) -> str:
    """Alphabetical order of a formatted reference: accents, case and markup ignored."""
    plain = re.sub(r"[*_\\<>\[\]{}]", "", clean(text))
    plain = unicodedata.normalize("NFKD", plain)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()


def citation_html(text: str, keys: list[str]) -> str:
    """A citation that links to its first reference and names all of them for the preview."""
    inner = to_html(text)
    if not keys:
        return inner
    cites = html.escape(" ".join(keys), quote=True)
    return f'<a class="citation" href="#ref-{keys[0]}" data-cites="{cites}">{inner}</a>'


def reference_list_html(entries: dict[str, str], lang: str, full_list_url: str | None = None,
                        searchable: bool = True) -> str:
    """An alphabetical list of references with ``id="ref-KEY"``.

    searchable=False keeps the list out of the search index (a chapter's list repeats entries of the
    full bibliography, which stays searchable; the index is loaded on every page).
    """
    title = html.escape(TERMS[lang]["in_bibliography"], quote=True)
    rows = []
    for key, text in sorted(entries.items(), key=lambda item: (sort_key(item[1]), item[0])):
        more = ""
        if full_list_url:
            more = f' <a class="ref-global" href="{full_list_url}#ref-{key}" title="{title}" aria-label="{title}">↗</a>'
        rows.append(f'<p class="csl-entry" id="ref-{key}">{to_html(text)}{more}</p>')
    exclude = "" if searchable else " data-search-exclude"
    return f'<div class="references"{exclude}>\n' + "\n".join(rows) + "\n</div>"


def extract_reference_lines(markdown_text: str) -> tuple[str, dict[str, str]]:
    """Remove mkdocs-bibtex's ``[^cite-KEY]: text`` lines; return the rest and the entries."""
    entries = {m.group("key"): m.group("text").strip() for m in REFERENCE_LINE_RE.finditer(markdown_text)}
    return REFERENCE_LINE_RE.sub("", markdown_text).rstrip() + "\n", entries


class Snippets:
    """Tokens that stand in the Markdown for HTML made here, swapped back in the finished page."""

    def __init__(self, namespace: str):
        self.namespace = namespace
        self.html: dict[str, str] = {}

    def token(self, kind: str, identity: str, snippet: str) -> str:
        digest = hashlib.sha1(f"{self.namespace}\0{kind}\0{identity}".encode()).hexdigest()[:16]
        token = f"BKT{kind}{digest}X"
        self.html[token] = snippet
        return token

    def swap(self, page_html: str) -> tuple[str, list[str]]:
        """Replace every token; a token alone in a paragraph replaces the paragraph. Returns unknown tokens."""
        missing = []

        def block(match):
            return self.html.get(match.group(1), match.group(0))

        page_html = re.sub(r"<p>(" + TOKEN_RE.pattern + r")</p>", block, page_html)

        def inline(match):
            if match.group(0) not in self.html:
                missing.append(match.group(0))
            return self.html.get(match.group(0), match.group(0))

        return TOKEN_RE.sub(inline, page_html), missing

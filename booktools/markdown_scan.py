"""Read Pandoc-style citations and headings out of Markdown source, with line numbers.

The scanner masks what must never be read as a citation (fenced and inline code,
HTML comments, link text) by blanking it while keeping every offset, so a match in
the masked text points at the same line and column of the real file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

KEY_RE = re.compile(r"^[A-Za-z0-9_-]+$")
FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
INLINE_CODE_RE = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
# [link text](target) and [link text][ref]: the text is not a citation.
LINK_TEXT_RE = re.compile(r"\[[^\[\]\n]*\](?=\(|\[)")
# One bracketed group on one line with an @ that starts a key (not an e-mail address).
BLOCK_RE = re.compile(r"\[(?P<body>[^\[\]\n]*?(?<![\w.@])-?@[^\[\]\n]*?)\]")
ITEM_RE = re.compile(r"^(?P<prefix>.*?)(?P<suppress>-?)@(?P<key>[^\s,;\]]+)(?:\s*,\s*(?P<locator>.*))?$", re.S)
# An opening bracket whose citation runs past the end of the line.
SPLIT_RE = re.compile(r"\[(?P<head>[^\[\]\n]*(?<![\w.@])-?@[A-Za-z0-9_][^\[\]\n]*)\n")
HEADING_RE = re.compile(r"^(?P<hashes>#{2,3})[ \t]+(?P<text>.+?)[ \t]*$", re.M)
HEADING_ID_RE = re.compile(r"\{[^}]*#(?P<id>[A-Za-z][\w-]*)[^}]*\}\s*$")
FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.S)


@dataclass
class CiteItem:
    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False


@dataclass
class Citation:
    line: int
    column: int
    raw: str
    items: list[CiteItem] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [item.key for item in self.items]


def _blank(text: str) -> str:
    """Same length and same newlines, nothing readable."""
    return re.sub(r"[^\n]", " ", text)


def protected_spans(markdown: str) -> list[tuple[int, int]]:
    """Offsets of fenced code, front matter, comments, inline code and link text."""
    spans: list[tuple[int, int]] = []
    fence: str | None = None
    offset = 0
    start = 0
    for line in markdown.splitlines(keepends=True):
        match = FENCE_RE.match(line)
        if fence is None and match:
            fence, start = match.group("fence"), offset
        elif fence is not None and match and match.group("fence")[0] == fence[0]:
            if len(match.group("fence")) >= len(fence) and not line.strip().strip(fence[0]):
                fence = None
                spans.append((start, offset + len(line.rstrip("\n"))))
        offset += len(line)
    if fence is not None:
        spans.append((start, offset))
    text = _apply_blank(markdown, spans)
    for pattern in (FRONT_MATTER_RE, COMMENT_RE, INLINE_CODE_RE, LINK_TEXT_RE):
        found = [m.span() for m in pattern.finditer(text)]
        spans.extend(found)
        text = _apply_blank(text, found)
    return sorted(spans)


def _apply_blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + _blank(text[start:end]) + text[end:]
    return text


def mask(markdown: str) -> str:
    """Blank code, comments, front matter and link text, keeping offsets and line breaks."""
    return _apply_blank(markdown, protected_spans(markdown))


PLACEHOLDER = "BOOKTOOLSPROTECTED{}X"


def protect(markdown: str) -> tuple[str, dict[str, str]]:
    """Swap protected regions that contain '@' for placeholders another tool cannot read as citations.

    Returns the new text and the placeholder table for ``restore``.
    """
    table: dict[str, str] = {}
    pieces = []
    last = 0
    for start, end in protected_spans(markdown):
        chunk = markdown[start:end]
        if "@" not in chunk or start < last:
            continue
        token = PLACEHOLDER.format(len(table))
        table[token] = chunk
        pieces.append(markdown[last:start])
        pieces.append(token)
        last = end
    pieces.append(markdown[last:])
    return "".join(pieces), table


def restore(markdown: str, table: dict[str, str]) -> str:
    for token, chunk in table.items():
        markdown = markdown.replace(token, chunk)
    return markdown


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def parse_items(body: str) -> list[CiteItem]:
    items = []
    for part in body.split(";"):
        match = ITEM_RE.match(part.strip())
        if match:
            items.append(
                CiteItem(
                    key=match.group("key"),
                    prefix=match.group("prefix").strip(),
                    locator=(match.group("locator") or "").strip(),
                    suppress_author=bool(match.group("suppress")),
                )
            )
    return items


def find_citations(markdown: str) -> list[Citation]:
    """Every one-line citation group, outside code, comments and link text."""
    masked = mask(markdown)
    found = []
    for match in BLOCK_RE.finditer(masked):
        items = parse_items(match.group("body"))
        if items:
            line, col = _line_col(masked, match.start())
            found.append(Citation(line, col, markdown[match.start() : match.end()], items))
    return found


def find_split_citations(markdown: str) -> list[tuple[int, int, str]]:
    """Citations whose brackets open on one line and close on a later one.

    mkdocs-bibtex only sees one-line groups; a split one would reach readers as raw text.
    """
    masked = mask(markdown)
    return [(*_line_col(masked, m.start()), m.group(0).strip()) for m in SPLIT_RE.finditer(masked)]


@dataclass
class Heading:
    line: int
    level: int
    text: str
    id: str | None


def find_headings(markdown: str) -> list[Heading]:
    """H2 and H3 headings (ATX style) outside code, with their explicit id if any."""
    masked = mask(markdown)
    headings = []
    for match in HEADING_RE.finditer(masked):
        text = markdown[match.start("text") : match.end("text")]
        id_match = HEADING_ID_RE.search(text)
        line, _ = _line_col(masked, match.start())
        headings.append(Heading(line, len(match.group("hashes")), text, id_match.group("id") if id_match else None))
    return headings

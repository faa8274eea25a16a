"""Check the Markdown sources against references.bib, before anything is built.

Finds: unknown keys (with the closest existing ones), citations split over lines,
page locators in the other edition's language, entries nobody cites (unless the
allow-list gives a reason), headings without an explicit id, and pages or
section anchors that exist in one edition but not the other.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import bibliography, markdown_scan, timeline
from .problems import Problem

# Locator labels that belong to the other language's edition.
FOREIGN_LOCATORS = {
    "id": (re.compile(r"^(p|pp|chap|para)\.\s"), "hlm."),
    "en": (re.compile(r"^(hlm|bab|par)\.\s"), "p."),
}


@dataclass
class Sources:
    root: Path
    bib_path: Path
    editions: dict[str, Path]  # language -> docs folder
    allowlist_path: Path
    extra_citers: list[Path] = field(default_factory=list)  # data files that cite keys (e.g. the timeline)
    timeline_path: Path | None = None


def markdown_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.md"))


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def check(sources: Sources) -> list[Problem]:
    bib, problems = bibliography.load(sources.bib_path)
    if bib is None:
        return problems
    problems += bibliography.check_entries(bib)
    known = set(bib.keys)
    cited: set[str] = set()
    for lang, folder in sources.editions.items():
        for path in markdown_files(folder):
            problems += _check_page(path, _rel(path, sources.root), lang, known, cited)
    for path in sources.extra_citers:
        cited |= _keys_in_data(path)
    if sources.timeline_path and sources.timeline_path.exists():
        events, found = timeline.load(sources.timeline_path)
        problems += found + timeline.check(events, sources.timeline_path, known)
        problems += _check_coded_data(sources, known)
    problems += _check_uncited(sources, bib, cited)
    problems += _check_parity(sources)
    return problems


def _check_coded_data(sources: Sources, known: set[str]) -> list[Problem]:
    """The coded timeline's vocabulary anchors and the interest × phase table (booktools/coded_tables.py)."""
    from . import coded_tables

    docs = next(iter(sources.editions.values()), None)
    return coded_tables.check_data(sources.timeline_path.parent, known, docs)


def _check_page(path: Path, shown: str, lang: str, known: set[str], cited: set[str]) -> list[Problem]:
    text = path.read_text(encoding="utf-8")
    problems = []
    for citation in markdown_scan.find_citations(text):
        for item in citation.items:
            cited.add(item.key)
            if not markdown_scan.KEY_RE.match(item.key):
                problems.append(Problem(shown, citation.line, f"citation key '{item.key}' has characters other than letters, digits, '_' and '-'",
                                        "use the key exactly as in references.bib"))
            elif item.key not in known:
                close = difflib.get_close_matches(item.key, sorted(known), n=3, cutoff=0.5)
                fix = f"did you mean {', '.join(close)}?" if close else "add the entry to references.bib or fix the key"
                problems.append(Problem(shown, citation.line, f"unknown citation key '{item.key}'", fix))
            pattern, label = FOREIGN_LOCATORS[lang]
            if pattern.match(item.locator):
                problems.append(Problem(shown, citation.line, f"locator '{item.locator}' in {citation.raw} is not in this edition's language",
                                        f"write '{label} …' in the {lang} edition"))
    for line, _col, snippet in markdown_scan.find_split_citations(text):
        problems.append(Problem(shown, line, f"citation '{snippet}' is split over two lines and would not be rendered",
                                "join the citation onto one line"))
    seen: dict[str, int] = {}
    for heading in markdown_scan.find_headings(text):
        if heading.id is None:
            problems.append(Problem(shown, heading.line, f"heading '{heading.text}' has no explicit id",
                                    "add {#an-id} at its end, the same id in both editions"))
        elif heading.id in seen:
            problems.append(Problem(shown, heading.line, f"heading id '{heading.id}' is used twice (first at line {seen[heading.id]})",
                                    "give each section its own id"))
        else:
            seen[heading.id] = heading.line
    return problems


def _keys_in_data(path: Path) -> set[str]:
    """Source keys cited from a YAML data file: every value of a 'sources' list."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "sources" and isinstance(value, list):
                    found.update(str(v) for v in value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return found


def load_allowlist(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of key: reason")
    return {str(k): str(v or "").strip() for k, v in data.items()}


def _check_uncited(sources: Sources, bib, cited: set[str]) -> list[Problem]:
    allow = load_allowlist(sources.allowlist_path)
    shown_bib = _rel(sources.bib_path, sources.root)
    shown_allow = _rel(sources.allowlist_path, sources.root)
    problems = []
    for key in bib.keys:
        if key not in cited and key not in allow:
            problems.append(Problem(shown_bib, bib.lines.get(key), f"entry '{key}' is never cited",
                                    f"cite it, remove it, or list it in {shown_allow} with a reason"))
    for key, reason in allow.items():
        if key not in bib.data.entries:
            problems.append(Problem(shown_allow, None, f"'{key}' is allow-listed but not in references.bib", "remove it from the list"))
        elif key in cited:
            problems.append(Problem(shown_allow, None, f"'{key}' is allow-listed but cited", "remove it from the list"))
        elif not reason:
            problems.append(Problem(shown_allow, None, f"'{key}' is allow-listed without a reason", "say why it stays uncited"))
    return problems


def _check_parity(sources: Sources) -> list[Problem]:
    """Same pages and the same section anchors in every edition."""
    editions = list(sources.editions.items())
    if len(editions) < 2:
        return []
    (first_lang, first), others = editions[0], editions[1:]
    problems = []
    first_pages = {p.relative_to(first): p for p in markdown_files(first)}
    for lang, folder in others:
        pages = {p.relative_to(folder): p for p in markdown_files(folder)}
        for rel in sorted(set(first_pages) - set(pages)):
            problems.append(Problem(_rel(first_pages[rel], sources.root), None, f"page has no {lang} counterpart",
                                    f"add {_rel(folder / rel, sources.root)}"))
        for rel in sorted(set(pages) - set(first_pages)):
            problems.append(Problem(_rel(pages[rel], sources.root), None, f"page has no {first_lang} counterpart",
                                    f"add {_rel(first / rel, sources.root)} or remove this page"))
        for rel in sorted(set(pages) & set(first_pages)):
            a = _anchors(first_pages[rel])
            b = _anchors(pages[rel])
            for anchor in [x for x in a if x not in b]:
                problems.append(Problem(_rel(pages[rel], sources.root), None, f"section id '{anchor}' of the {first_lang} page is missing",
                                        "use the same section ids in both editions"))
            for anchor in [x for x in b if x not in a]:
                problems.append(Problem(_rel(pages[rel], sources.root), None, f"section id '{anchor}' is not in the {first_lang} page",
                                        "use the same section ids in both editions"))
    return problems


def _anchors(path: Path) -> list[str]:
    return [h.id for h in markdown_scan.find_headings(path.read_text(encoding="utf-8")) if h.id]

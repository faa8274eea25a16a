"""Load references.bib and check every entry before anything is built.

pybtex does the parsing; this module adds what pybtex does not say: the line of
each entry, duplicate keys with both lines, required fields per entry type, and
well-formed keys, DOIs, URLs and dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pybtex import errors as pybtex_errors
from pybtex.database import BibliographyData, parse_string
from pybtex.scanner import PybtexSyntaxError

from .problems import Problem

ENTRY_HEAD_RE = re.compile(r"^[ \t]*@(?P<type>[A-Za-z]+)[ \t]*[{(][ \t]*(?P<key>[^,\s]*)", re.M)
NON_ENTRY_TYPES = {"comment", "preamble", "string"}
KEY_RE = re.compile(r"^[A-Za-z0-9_-]+$")
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?(/(\d{4}(-\d{2}(-\d{2})?)?)?)?$")
YEAR_RE = re.compile(r"^\d{4}$")

# Each requirement is a tuple of alternatives: at least one must be present.
AUTHORSHIP = ("author", "editor", "organization", "institution")
DATED = ("date", "year")
REQUIRED: dict[str, list[tuple[str, ...]]] = {
    "article": [("author",), ("title",), ("journaltitle", "journal"), DATED],
    "book": [("author", "editor"), ("title",), ("publisher",), DATED],
    "incollection": [("author",), ("title",), ("booktitle",), ("publisher",), DATED],
    "inbook": [("author",), ("title",), ("booktitle",), ("publisher",), DATED],
    "inproceedings": [("author",), ("title",), ("booktitle",), DATED],
    "report": [AUTHORSHIP, ("title",), ("institution", "publisher", "organization"), DATED],
    "techreport": [AUTHORSHIP, ("title",), ("institution", "publisher", "organization"), DATED],
    "thesis": [("author",), ("title",), ("institution", "school"), ("type",), DATED],
    "phdthesis": [("author",), ("title",), ("institution", "school"), DATED],
    "mastersthesis": [("author",), ("title",), ("institution", "school"), DATED],
    "online": [("title",), ("url",), ("urldate",)],
    "misc": [("title",)],
    "legislation": [("title",), DATED],
}
# Every entry must let a reader find the work.
LOCATORS = ("doi", "isbn", "url")


@dataclass
class Bibliography:
    path: Path
    data: BibliographyData
    lines: dict[str, int]

    @property
    def keys(self) -> list[str]:
        return list(self.data.entries.keys())


def entry_lines(text: str) -> list[tuple[str, str, int]]:
    """(type, key, line) for every entry head, in file order."""
    found = []
    for match in ENTRY_HEAD_RE.finditer(text):
        kind = match.group("type").lower()
        if kind in NON_ENTRY_TYPES:
            continue
        found.append((kind, match.group("key"), text.count("\n", 0, match.start()) + 1))
    return found


def load(path: Path) -> tuple[Bibliography | None, list[Problem]]:
    """Parse the file; on failure return the problems instead of raising."""
    shown = str(path)
    text = path.read_text(encoding="utf-8")
    heads = entry_lines(text)
    problems = _duplicate_and_key_problems(shown, heads)
    if problems:
        return None, problems
    pybtex_errors.set_strict_mode(True)
    try:
        data = parse_string(text, "bibtex")
    except PybtexSyntaxError as exc:
        unbalanced = unbalanced_entries(text, heads)
        if unbalanced:
            return None, [Problem(shown, line, f"malformed BibTeX: entry '{key}' has unbalanced braces "
                                  f"(pybtex stopped at line {exc.lineno})", "close every { with a }")
                          for key, line in unbalanced[:1]]
        line = exc.lineno or 0
        inside = [h for h in heads if h[2] <= line]
        where = f" (in entry '{inside[-1][1]}', which starts at line {inside[-1][2]})" if inside else ""
        return None, [
            Problem(shown, line, f"malformed BibTeX: {exc.args[0] if exc.args else exc}{where}",
                    "check that entry's braces, quotes and commas")
        ]
    except Exception as exc:  # pybtex raises plain PybtexError for other faults
        return None, [Problem(shown, None, f"cannot read BibTeX: {exc}", "fix the file so pybtex can parse it")]
    return Bibliography(path, data, {key: line for _, key, line in heads}), []


def unbalanced_entries(text: str, heads: list[tuple[str, str, int]]) -> list[tuple[str, int]]:
    """Entries whose text, up to the next entry head, opens more braces than it closes."""
    lines = text.splitlines()
    found = []
    for index, (_, key, line) in enumerate(heads):
        end = heads[index + 1][2] - 1 if index + 1 < len(heads) else len(lines)
        chunk = re.sub(r"\\[{}]", "", "\n".join(lines[line - 1 : end]))
        if chunk.count("{") != chunk.count("}"):
            found.append((key, line))
    return found


def _duplicate_and_key_problems(shown: str, heads: list[tuple[str, str, int]]) -> list[Problem]:
    problems = []
    first: dict[str, int] = {}
    for _, key, line in heads:
        if not KEY_RE.match(key):
            problems.append(Problem(shown, line, f"key '{key}' has characters other than letters, digits, '_' and '-'",
                                    "rename the key (mkdocs-bibtex cuts keys at ':' and '.')"))
        folded = key.lower()
        if folded in first:
            problems.append(Problem(shown, line, f"duplicate key '{key}' (first defined at line {first[folded]})",
                                    "merge the two entries or rename one"))
        else:
            first[folded] = line
    return problems


def check_entries(bib: Bibliography) -> list[Problem]:
    """Required fields, identifiers and dates of every entry."""
    problems = []
    shown = str(bib.path)
    for key, entry in bib.data.entries.items():
        line = bib.lines.get(key)
        kind = entry.type.lower()
        fields = {name.lower(): value for name, value in entry.fields.items()}
        present = set(fields) | {role.lower() for role in entry.persons}
        if kind not in REQUIRED:
            problems.append(Problem(shown, line, f"entry '{key}' has type @{entry.type}, which this book does not use",
                                    f"use one of: {', '.join('@' + t for t in sorted(REQUIRED))}"))
            continue
        for alternatives in REQUIRED[kind]:
            if not present & set(alternatives):
                problems.append(Problem(shown, line, f"entry '{key}' (@{kind}) lacks required field {' or '.join(alternatives)}",
                                        "add it from the source you verified"))
        if not present & set(LOCATORS):
            problems.append(Problem(shown, line, f"entry '{key}' has no doi, isbn or url",
                                    "add the identifier or address where the work was seen"))
        problems.extend(_field_problems(shown, line, key, fields))
    return problems


def _field_problems(shown: str, line: int | None, key: str, fields: dict[str, str]) -> list[Problem]:
    problems = []
    doi = fields.get("doi")
    if doi is not None and not DOI_RE.match(doi):
        hint = "write the bare DOI (10.xxxx/...), without https://doi.org/" if "doi.org" in doi else "check the DOI"
        problems.append(Problem(shown, line, f"entry '{key}' has a malformed doi '{doi}'", hint))
    url = fields.get("url")
    if url is not None and not is_well_formed_url(url):
        problems.append(Problem(shown, line, f"entry '{key}' has a malformed url '{url}'",
                                "use a full http(s) address with no spaces"))
    for name in ("date", "urldate"):
        value = fields.get(name)
        if value is not None and not DATE_RE.match(value):
            problems.append(Problem(shown, line, f"entry '{key}' has {name} '{value}', not an ISO date",
                                    "write YYYY, YYYY-MM or YYYY-MM-DD"))
    year = fields.get("year")
    if year is not None and not YEAR_RE.match(year):
        problems.append(Problem(shown, line, f"entry '{key}' has year '{year}'", "write four digits"))
    return problems


def is_well_formed_url(url: str) -> bool:
    if any(ch.isspace() for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and ("." in host or host == "localhost")

"""The timeline as data: load and check data/timeline.yml, and render it as Markdown for one edition.

Each event gets a stable anchor (its id), a date printed to its precision, themes, a
title and summary in both languages, and citations to its sources. The theme filter
is plain HTML and CSS (radio buttons), so it works without JavaScript.
"""
from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

MARKER = "<!-- booktools:timeline -->"
ID_RE = re.compile(r"^e\d{4}[a-z0-9-]*$")
DATE_FORMS = {"year": re.compile(r"^\d{4}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
              "day": re.compile(r"^\d{4}-\d{2}-\d{2}$")}
THEMES = {
    "military": ("Militer", "Military"),
    "diplomacy": ("Diplomasi", "Diplomacy"),
    "turkey": ("Turki", "Turkey"),
    "energy": ("Energi", "Energy"),
    "connectivity": ("Konektivitas", "Connectivity"),
    "humanitarian": ("Kemanusiaan", "Humanitarian"),
    "law": ("Hukum dan perjanjian", "Law and treaties"),
}
FIELDS = {"id", "date", "precision", "themes", "title", "summary", "sources"}
LANGS = ("id", "en")
MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
TERMS = {
    "id": {"all": "Semua tema", "filter": "Saring menurut tema", "link": "Tautan ke peristiwa ini", "sources": "Sumber"},
    "en": {"all": "All themes", "filter": "Filter by theme", "link": "Link to this event", "sources": "Sources"},
}


@dataclass
class Event:
    id: str
    date: str
    precision: str
    themes: list[str]
    title: dict[str, str]
    summary: dict[str, str]
    sources: list[str]
    line: int = 0
    extra: set[str] = field(default_factory=set)

    @property
    def sort_key(self) -> str:
        return self.date


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: about ten times faster
_loaded: dict[tuple, tuple[list[Event], list[Problem]]] = {}


def load(path: Path) -> tuple[list[Event], list[Problem]]:
    """Events and parse problems; parsed once per process for each version of the file."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _loaded:
        _loaded[key] = _load(path)
    return _loaded[key]


def _load(path: Path) -> tuple[list[Event], list[Problem]]:
    shown = str(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_LOADER)
        nodes = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(shown, mark.line + 1 if mark else None, f"malformed YAML: {exc}", "fix the syntax")]
    if not isinstance(data, list):
        return [], [Problem(shown, 1, "the timeline must be a YAML list of events", "start each event with '- id: ...'")]
    events, problems = [], []
    for item, node in zip(data, nodes.value):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            problems.append(Problem(shown, line, "an event must be a mapping", "see the schema in booktools/timeline.py"))
            continue
        events.append(Event(
            id=str(item.get("id", "")), date=str(item.get("date", "")), precision=str(item.get("precision", "")),
            themes=[str(t) for t in item.get("themes") or []], title=dict(item.get("title") or {}),
            summary=dict(item.get("summary") or {}), sources=[str(s) for s in item.get("sources") or []],
            line=line, extra=set(item) - FIELDS))
    return events, problems


def check(events: list[Event], path: Path, known_keys: set[str]) -> list[Problem]:
    shown = str(path)
    problems = []
    seen: dict[str, int] = {}
    previous: Event | None = None
    for e in events:
        def fault(message, fix):
            problems.append(Problem(shown, e.line, f"event '{e.id or '?'}': {message}", fix))

        if e.extra:
            fault(f"unknown field(s) {', '.join(sorted(e.extra))}", f"use only: {', '.join(sorted(FIELDS))}")
        if not ID_RE.match(e.id):
            fault("id must be 'e' + year + lowercase letters, digits or '-'", "e.g. e1994-05-bishkek")
        elif e.id in seen:
            fault(f"id used twice (first at line {seen[e.id]})", "give each event its own id")
        else:
            seen[e.id] = e.line
        form = DATE_FORMS.get(e.precision)
        if form is None:
            fault(f"precision '{e.precision}' is not day, month or year", "set precision to match the date")
        elif not form.match(e.date):
            fault(f"date '{e.date}' does not match precision '{e.precision}'", "write YYYY, YYYY-MM or YYYY-MM-DD")
        elif not _valid_date(e.date):
            fault(f"date '{e.date}' is not a real date", "check the date")
        if previous is not None and e.date < previous.date:
            fault(f"date {e.date} comes before the previous event's {previous.date}", "keep events sorted by date")
        unknown = [t for t in e.themes if t not in THEMES]
        if not e.themes or unknown:
            fault(f"themes {unknown or 'missing'}", f"use one or more of: {', '.join(THEMES)}")
        for part in ("title", "summary"):
            missing = [lang for lang in LANGS if not str(e.__dict__[part].get(lang, "")).strip()]
            if missing:
                fault(f"{part} lacks {', '.join(missing)}", "write it in both languages")
        if not e.sources:
            fault("no sources", "cite at least one key of references.bib")
        for key in e.sources:
            if key not in known_keys:
                close = difflib.get_close_matches(key, sorted(known_keys), n=3, cutoff=0.5)
                fault(f"unknown source key '{key}'", f"did you mean {', '.join(close)}?" if close else "add it to references.bib")
        previous = e
    return problems


def _valid_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")] + [1] * (3 - value.count("-") - 1)
    try:
        dt.date(*parts)
        return True
    except ValueError:
        return False


def format_date(e: Event, lang: str) -> str:
    parts = [int(p) for p in e.date.split("-")]
    if e.precision == "year":
        return str(parts[0])
    month = MONTHS[lang][parts[1] - 1]
    if e.precision == "month":
        return f"{month} {parts[0]}"
    return f"{parts[2]} {month} {parts[0]}"


def render(events: list[Event], lang: str) -> str:
    """Markdown (with md_in_html blocks) for the timeline page of one edition."""
    t = TERMS[lang]
    index = 0 if lang == "id" else 1
    used = [theme for theme in THEMES if any(theme in e.themes for e in events)]
    radios = ['<input class="tl-radio" type="radio" name="tl-theme" id="tl-all" checked>']
    labels = [f'<label for="tl-all">{t["all"]}</label>']
    for theme in used:
        radios.append(f'<input class="tl-radio" type="radio" name="tl-theme" id="tl-{theme}">')
        labels.append(f'<label for="tl-{theme}">{THEMES[theme][index]}</label>')
    out = ['<div class="timeline" markdown>', "", *radios,
           f'<div class="tl-filter" role="group" aria-label="{t["filter"]}">{"".join(labels)}</div>', "",
           '<div class="tl-events" markdown>', ""]
    for e in events:
        classes = " ".join(f"tl-{theme}" for theme in e.themes)
        themes = ", ".join(THEMES[theme][index] for theme in e.themes)
        date = format_date(e, lang)
        cite = "; ".join(f"@{key}" for key in e.sources)
        out += [
            f'<div class="tl-event {classes}" id="{e.id}" markdown>', "",
            f'<span class="tl-date"><time datetime="{e.date}">{date}</time></span> '
            f'<span class="tl-themes">{html.escape(themes)}</span> '
            f'<a class="tl-link" href="#{e.id}" aria-label="{t["link"]}: {html.escape(date)}">¶</a>', "",
            f"**{_one_line(e.title[lang])}** {_one_line(e.summary[lang])} [{cite}]", "",
            "</div>", "",
        ]
    out += ["</div>", "", "</div>", ""]
    return "\n".join(out)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def expand(markdown: str, lang: str, path: Path) -> str:
    """Replace the timeline marker of a page with the rendered events (unchanged if there is none)."""
    if MARKER not in markdown or not path.exists():
        return markdown
    events, _ = load(path)
    return markdown.replace(MARKER, render(events, lang))

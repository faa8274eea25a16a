"""The timeline as data: load and check data/timeline.yml, and render it as Markdown for one edition.

Each event gets a stable anchor (its id), a date printed to its precision, themes, a
title and summary in both languages, citations to its sources, and the analytical
codes of issue 13 (``phase``, ``cooperation_form``, ``basic_interest``,
``instrument``, ``policy_change``), whose values data/codes.yml defines
(booktools/codes.py). The filters are plain HTML and CSS (radio buttons and
``:has()``), so they work without JavaScript; their CSS rules are generated from
the vocabularies, so a new value needs no stylesheet edit.

Order: events are sorted by date. An event known only to the month sorts after the
dated events of that month, and one known only to the year after the rest of that
year; ``sort: YYYY-MM-DD`` places such an event on a day inside its month or year.
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import codes as vocab
from .problems import Problem

MARKER = "<!-- booktools:timeline -->"
ID_RE = re.compile(r"^e\d{4}[a-z0-9-]*$")
DATE_FORMS = {"year": re.compile(r"^\d{4}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
              "day": re.compile(r"^\d{4}-\d{2}-\d{2}$")}
BASE_FIELDS = {"id", "date", "precision", "sort", "themes", "title", "summary", "sources"}
FIELDS = BASE_FIELDS | set(vocab.CODED_FIELDS)
LANGS = vocab.LANGS
MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
TERMS = {
    "id": {"all": "Semua", "all_themes": "Semua tema", "filters": "Saring peristiwa",
           "more": "Saring menurut kode analitis", "reset": "Tampilkan semua peristiwa",
           "link": "Tautan ke peristiwa ini", "sources": "Sumber"},
    "en": {"all": "All", "all_themes": "All themes", "filters": "Filter the events",
           "more": "Filter by analytical code", "reset": "Show all events",
           "link": "Link to this event", "sources": "Sources"},
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
    coded: dict[str, object] = field(default_factory=dict)  # the coded fields as written
    sort: str = ""

    def values(self, name: str) -> list[str]:
        """The values of a coded field as a list (empty when absent)."""
        raw = self.coded.get(name)
        if raw is None:
            return []
        return [str(v) for v in raw] if isinstance(raw, list) else [str(raw)]

    @property
    def sort_key(self) -> tuple[int, int, int] | None:
        return sort_key(self)


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
    shown = vocab.shown(path)
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
            line=line, extra=set(item) - FIELDS, sort=str(item.get("sort") or ""),
            coded={name: item[name] for name in vocab.CODED_FIELDS if name in item}))
    return events, problems


def span(e: Event) -> tuple[dt.date, dt.date] | None:
    """The first and last day the event's date (or its sort hint) can mean; None if it is not a real date."""
    if e.sort and _real(e.sort, "day"):
        day = dt.date.fromisoformat(e.sort)
        return day, day
    if not _real(e.date, e.precision):
        return None
    parts = [int(p) for p in e.date.split("-")]
    if e.precision == "day":
        day = dt.date(*parts)
        return day, day
    if e.precision == "month":
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def sort_key(e: Event) -> tuple[int, int, int] | None:
    """(year, month, day): a month-precision event after the month's dated events, a year-precision one
    after the rest of its year; a valid `sort` hint puts it on that day."""
    if e.sort and _real(e.sort, "day"):
        year, month, day = (int(p) for p in e.sort.split("-"))
        return year, month, day
    if not _real(e.date, e.precision):
        return None
    parts = [int(p) for p in e.date.split("-")]
    if e.precision == "day":
        return parts[0], parts[1], parts[2]
    if e.precision == "month":
        return parts[0], parts[1], 32
    return parts[0], 13, 0


def _real(value: str, precision: str) -> bool:
    form = DATE_FORMS.get(precision)
    return bool(form and form.match(value)) and _valid_date(value)


def check(events: list[Event], path: Path, known_keys: set[str]) -> list[Problem]:
    """Every fault of the events, and of the vocabularies file next to them (codes.yml), with file:line."""
    shown = vocab.shown(path)
    codes, problems = vocab.load(vocab.path_for(path))
    problems = list(problems)
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
        _check_sort_hint(e, fault)
        if previous is not None and sort_key(e) and sort_key(e) < sort_key(previous):
            fault(f"date {e.date} comes before the previous event '{previous.id}' ({previous.date})",
                  "keep events sorted by date; an event dated only to the month or year goes after the dated "
                  "events of that month or year, or give it 'sort: YYYY-MM-DD'")
        for part in ("title", "summary"):
            missing = [lang for lang in LANGS if not str(getattr(e, part).get(lang, "")).strip()]
            if missing:
                fault(f"{part} lacks {', '.join(missing)}", "write it in both languages")
        if not e.sources:
            fault("no sources", "cite at least one key of references.bib")
        for key in e.sources:
            if key not in known_keys:
                close = difflib.get_close_matches(key, sorted(known_keys), n=3, cutoff=0.5)
                fault(f"unknown source key '{key}'", f"did you mean {', '.join(close)}?" if close else "add it to references.bib")
        if codes is not None:
            _check_codes(e, codes, fault)
        if sort_key(e):
            previous = e  # the last event with a real date
    return problems


def _check_sort_hint(e: Event, fault) -> None:
    if not e.sort:
        return
    if e.precision == "day":
        fault("'sort' is only for events dated to the month or year", "remove it: the date already places the event")
    elif not _real(e.sort, "day"):
        fault(f"sort '{e.sort}' is not a real day", "write sort: YYYY-MM-DD")
    elif not e.sort.startswith(e.date + "-"):
        fault(f"sort '{e.sort}' lies outside the event's date {e.date}", "choose a day within the event's month or year")


def _check_codes(e: Event, codes: vocab.Codes, fault) -> None:
    """The coded fields: known values, list or single value, phase against the date, instrument ⇔ policy_change."""
    themes = codes["theme"]
    unknown = [t for t in e.themes if t not in themes.values]
    if not e.themes or unknown:
        fault(f"themes {unknown or 'missing'}", f"use one or more of: {themes.allowed()}")
    for name in vocab.CODED_FIELDS:
        if name not in e.coded:
            continue
        vocabulary = codes.by_field(name)
        raw = e.coded[name]
        if vocabulary.kind.many:
            if not isinstance(raw, list) or not raw:
                fault(f"{name} must be a non-empty list", f"write {name}: [value, ...] with values from: {vocabulary.allowed()}")
                continue
            doubled = sorted({str(v) for v in raw if raw.count(v) > 1})
            if doubled:
                fault(f"{name} lists {', '.join(doubled)} twice", "list each value once")
        elif isinstance(raw, (list, dict)) or raw is None or raw == "":
            fault(f"{name} takes one value", f"write {name}: value, one of: {vocabulary.allowed()}")
            continue
        for value in e.values(name):
            if value not in vocabulary.values:
                close = difflib.get_close_matches(value, list(vocabulary.values), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]}?)" if close else ""
                fault(f"{name} '{value}' is not defined in {codes.path}{hint}", f"use one of: {vocabulary.allowed()}")
    phase = e.values("phase")
    if not phase:
        if codes.required:
            fault("phase missing", f"add phase: one of {codes['phase'].allowed()} (see {codes.path})")
    elif phase[0] in codes["phase"].values:
        window, days = codes.phase_window(phase[0]), span(e)
        if window and days and (days[1] < window[0] or days[0] > window[1]):
            value = codes["phase"].values[phase[0]]
            right = [p for p in codes["phase"].values if (w := codes.phase_window(p)) and days[0] <= w[1] and days[1] >= w[0]]
            fault(f"phase '{phase[0]}' runs from {value.start} to {value.end}, which does not include the date {e.date}",
                  f"use {' or '.join(right)}" if right else "fix the date or the phase")
    if e.values("instrument") and not e.values("policy_change"):
        fault("instrument given without policy_change",
              f"say how much Turkish policy changed (Hermann): policy_change: one of {codes['policy_change'].allowed()}")
    if e.values("policy_change") and not e.values("instrument"):
        fault("policy_change given without instrument",
              f"policy_change is only for events where Turkey acts: add instrument ({codes['instrument'].allowed()}) "
              "or remove policy_change")


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


def short_date(e: Event, lang: str) -> str:
    """'27 Sep 2020', 'Jul 2020' or '1991' for table cells, with no-break spaces (a date never wraps)."""
    parts = [int(p) for p in e.date.split("-")]
    if e.precision == "year":
        return str(parts[0])
    month = MONTHS[lang][parts[1] - 1][:3]
    return f"{month}\u00a0{parts[0]}" if e.precision == "month" else f"{parts[2]}\u00a0{month}\u00a0{parts[0]}"


def token(name: str, value_id: str) -> str:
    """The radio id and event class of a value; themes keep their short form (tl-military)."""
    return f"tl-{value_id}" if name == "theme" else f"tl-{name.replace('_', '-')}-{value_id}"


def _all_token(name: str) -> str:
    return "tl-all" if name == "theme" else f"tl-{name.replace('_', '-')}-all"


def _used(events: list[Event], codes: vocab.Codes, name: str) -> list[vocab.Value]:
    event_field = vocab.KINDS[name].field
    present = {v for e in events for v in (e.themes if name == "theme" else e.values(event_field))}
    return [value for value in codes[name].values.values() if value.id in present]


def filter_css(events: list[Event], codes: vocab.Codes) -> str:
    """One rule per value in use: when its radio button is checked, hide the events without it."""
    rules = []
    for name, kind in vocab.KINDS.items():
        if kind.field is None:
            continue
        for value in _used(events, codes, name):
            tok = token(name, value.id)
            rules.append(f".md-typeset .timeline:has(#{tok}:checked) .tl-event:not(.{tok}){{display:none}}")
    return "\n".join(rules)


def _phase_years(value: vocab.Value) -> str:
    if not (value.start and value.end):
        return ""
    first, last = value.start.year, value.end.year
    return f" ({first})" if first == last else f" ({first}–{last})"


def _fieldset(name: str, values: list[vocab.Value], codes: vocab.Codes, lang: str) -> str:
    t = TERMS[lang]
    group = f"tl-{name.replace('_', '-')}"
    everything = t["all_themes"] if name == "theme" else t["all"]
    items = [f'<input class="tl-radio" type="radio" name="{group}" id="{_all_token(name)}" checked>'
             f'<label for="{_all_token(name)}">{everything}</label>']
    for value in values:
        label = html.escape(str(value.label.get(lang, value.id))) + (_phase_years(value) if name == "phase" else "")
        items.append(f'<input class="tl-radio" type="radio" name="{group}" id="{token(name, value.id)}">'
                     f'<label for="{token(name, value.id)}">{label}</label>')
    legend = html.escape(str(codes[name].label.get(lang, name)))
    return f'<fieldset class="tl-filter"><legend>{legend}</legend>\n' + "\n".join(items) + "\n</fieldset>"


def _filters(events: list[Event], codes: vocab.Codes, lang: str) -> str:
    """The filter form: themes always visible, the analytical codes folded in <details>, a reset button."""
    t = TERMS[lang]
    out = [f'<form class="tl-form" aria-label="{t["filters"]}">',
           _fieldset("theme", _used(events, codes, "theme"), codes, lang)]
    coded = [name for name in vocab.CODED_FIELDS if _used(events, codes, name)]
    if coded:
        out.append(f'<details class="tl-more">\n<summary>{t["more"]}</summary>')
        out += [_fieldset(name, _used(events, codes, name), codes, lang) for name in coded]
        out.append("</details>")
    out += [f'<button class="tl-reset" type="reset">{t["reset"]}</button>', "</form>"]
    return "\n".join(out)


def _chips(e: Event, codes: vocab.Codes, lang: str) -> str:
    """The event's codes as small labelled chips, each value linking to the section that defines it."""
    chips = []
    for name in vocab.CODED_FIELDS:
        vocabulary = codes.by_field(name)
        links = []
        for value_id in e.values(name):
            value = vocabulary.values.get(value_id)
            if value is None:
                links.append(html.escape(value_id))
                continue
            label = _markdown_text(value.label.get(lang, value_id))
            title = _title(value.definition.get(lang, ""))
            links.append(f'[{label}]({value.anchor} "{title}")' if value.anchor else label)
        if links:
            key = html.escape(str(vocabulary.label.get(lang, name)))
            chips.append(f'<span class="tl-chip tl-chip-{name.replace("_", "-")}"><span class="tl-chip-key">{key}:</span> '
                         f'{", ".join(links)}</span>')
    return " ".join(chips)


def _markdown_text(text: str) -> str:
    """Plain text made safe inside a Markdown link text."""
    return html.escape(_one_line(text), quote=False).replace("[", "&#91;").replace("]", "&#93;").replace("*", "&#42;").replace("_", "&#95;")


def _title(text: str) -> str:
    """Plain text made safe inside a Markdown link title ("...")."""
    return _one_line(text).replace("\\", "\\\\").replace('"', "\u201d")


def render(events: list[Event], lang: str, codes: vocab.Codes | None = None) -> str:
    """Markdown (with md_in_html blocks) for the timeline page of one edition."""
    t = TERMS[lang]
    codes = codes or vocab.Codes("", False, {})
    # The generated filter rules go first inside the timeline's own block: HTML allows a <style>
    # in the body only as the first child of its parent (the W3C checker in make test says so).
    out = ['<div class="timeline" markdown>', "", f'<style>\n{filter_css(events, codes)}\n</style>', "",
           _filters(events, codes, lang), "",
           '<div class="tl-events" markdown>', ""]
    for e in events:
        classes = " ".join([token("theme", theme) for theme in e.themes]
                           + [token(codes.by_field(name).name, v) for name in vocab.CODED_FIELDS for v in e.values(name)])
        themes = ", ".join(codes.label("theme", theme, lang) for theme in e.themes)
        date = format_date(e, lang)
        cite = "; ".join(f"@{key}" for key in e.sources)
        out += [
            f'<div class="tl-event {classes}" id="{e.id}" markdown>', "",
            f'<span class="tl-date"><time datetime="{e.date}">{date}</time></span> '
            f'<span class="tl-themes">{html.escape(themes)}</span> '
            f'<a class="tl-link" href="#{e.id}" aria-label="{t["link"]}: {html.escape(date)}">¶</a>', "",
            f"**{_one_line(e.title[lang])}** {_one_line(e.summary[lang])} [{cite}]", "",
        ]
        chips = _chips(e, codes, lang)
        if chips:
            out += [chips, "{: .tl-codes }", ""]
        out += ["</div>", ""]
    out += ["</div>", "", "</div>", ""]
    return "\n".join(out)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def expand(markdown: str, lang: str, path: Path) -> str:
    """Replace the timeline marker, and the marker of any table made from the coded timeline
    (booktools/coded_tables.py), with their Markdown; unchanged if there is none."""
    from . import coded_tables  # it reads the timeline through this module

    markdown = coded_tables.expand(markdown, lang, path)
    if MARKER not in markdown or not path.exists():
        return markdown
    events, _ = load(path)
    codes, _ = vocab.load(vocab.path_for(path))
    return markdown.replace(MARKER, render(events, lang, codes))

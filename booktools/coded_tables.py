"""Tables made at build time from the coded data, never copied by hand.

A page asks for one with a marker comment, optionally followed by its number:

    <!-- booktools:table interest-intensity 4.3 -->
    <!-- booktools:table phase-instruments 6.1 -->

* ``interest-intensity``: Turkey's specific interests (rows) by groups of phases
  (columns), from data/interest-intensity.yml. Each cell gives the intensity, linked
  to the chapter section that justifies it, the timeline events that evidence it (they
  must fall within the column's phases) and its sources, cited with ``[@key]`` so they
  join the page's reference list.
* ``phase-instruments``: the phases (rows) by Turkey's six instruments (columns),
  purely from the coded timeline: each cell links the Turkish events of that phase
  that used the instrument; the last column gives the highest degree of policy change
  (Hermann) in the phase and the events that carry it.

The tables are HTML with Markdown inside the cells (md_in_html), so links and
citations are checked and rendered like any other; the <table> has no class, so
Material styles it (both colour schemes) and lets it scroll on a narrow screen.
"""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from . import codes as vocab
from . import data_file, markdown_scan, timeline
from .problems import Problem

# On a line of its own (so a marker quoted in running text or inline code stays text).
MARKER_RE = re.compile(r"^[ \t]*<!--\s*booktools:table\s+(?P<name>[a-z0-9-]+)(?:\s+(?P<number>[0-9A-Za-z.]+))?\s*-->[ \t]*$",
                       re.M)
INTENSITY_FILE = "interest-intensity.yml"
TIMELINE_PAGE = "kronologi.md"
LANGS = vocab.LANGS
TERMS = {
    "id": {
        "table": "Tabel", "interest": "Kepentingan khusus", "events": "Peristiwa", "none": "–",
        "highest": "Perubahan kebijakan tertinggi (Hermann)", "phase": "Fase",
        "instruments_caption": (
            "Fase konflik dan instrumen kebijakan Turki, dibuat dari kronologi berkode. Setiap sel menautkan "
            "peristiwa pada fase itu ketika Turki memakai instrumen tersebut (– berarti tidak ada peristiwa berkode); "
            "kolom terakhir memberi derajat perubahan kebijakan tertinggi menurut Hermann di antara peristiwa Turki "
            "pada fase itu, dengan peristiwa yang membawanya."),
    },
    "en": {
        "table": "Table", "interest": "Specific interest", "events": "Events", "none": "–",
        "highest": "Highest policy change (Hermann)", "phase": "Phase",
        "instruments_caption": (
            "Phases of the conflict and Turkey's policy instruments, generated from the coded timeline. Each cell "
            "links the events of that phase in which Turkey used the instrument (– means no coded event); the last "
            "column gives the highest degree of policy change in Hermann's terms among Turkey's events of the phase, "
            "with the events that carry it."),
    },
}
INTENSITY_KEYS = {"caption", "page", "columns", "rows"}
COLUMN_KEYS = {"id", "label", "phases"}
ROW_KEYS = {"id", "label", "basic_interest", "cells"}
CELL_KEYS = {"intensity", "section", "events", "sources"}


def markers(markdown: str) -> list[tuple[int, str, str]]:
    """(line, name, number) of every table marker of a page."""
    return [(markdown.count("\n", 0, m.start()) + 1, m["name"], m["number"] or "") for m in MARKER_RE.finditer(markdown)]


# -- the data of the interest × phase table ------------------------------------------------------------

@dataclass
class Intensity:
    """data/interest-intensity.yml as read (mappings carry their line); None parts when unreadable."""
    path: str
    data: dict


def load_intensity(data_dir: Path) -> tuple[Intensity | None, list[Problem]]:
    path = data_dir / INTENSITY_FILE
    shown = vocab.shown(path)
    data, problems = data_file.load(path, shown)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, "the file must be a mapping with caption, page, columns and rows",
                              "see the schema at the top of the file")]
    return Intensity(shown, data), []


def check_intensity(table: Intensity, codes: vocab.Codes, events: dict[str, timeline.Event], known_keys: set[str],
                    docs: Path | None) -> list[Problem]:
    """Every id, cell, event, source key and section of the interest × phase table, with file:line.

    A cell's events must also fall within its column's phases (the boundary day a phase shares with
    its neighbour counts, as for an event's own phase), so that the link the reader follows is
    evidence from the period the rating is for."""
    problems: list[Problem] = []
    data = table.data

    def fault(node, message, fix):
        problems.append(Problem(table.path, data_file.line_of(node, 1), message, fix))

    for key in sorted(set(data) - INTENSITY_KEYS):
        fault(data, f"unknown key '{key}'", f"use only: {', '.join(sorted(INTENSITY_KEYS))}")
    for lang in data_file.missing_languages(data.get("caption"), LANGS):
        fault(data, f"caption lacks '{lang}'", "write the caption in both languages")
    page = str(data.get("page") or "")
    sections = None
    if not re.match(r"^[a-z0-9][a-z0-9-]*\.md$", page):
        fault(data, f"page '{page}' is not a chapter file name", "write page: kepentingan-turki.md (the chapter that justifies the ratings)")
    elif docs is not None:
        if (docs / page).exists():
            sections = {h.id for h in markdown_scan.find_headings((docs / page).read_text(encoding="utf-8")) if h.id}
        else:
            fault(data, f"page '{page}' does not exist in {vocab.shown(docs)}", "name an existing chapter")
    columns = _check_columns(data.get("columns"), data, codes, fault)
    windows = _column_windows(data.get("columns"), codes)
    rows = data.get("rows")
    if not isinstance(rows, list) or not rows:
        fault(data, "no rows", "add rows: a list of specific interests, each with id, label, basic_interest and cells")
        rows = []
    seen: dict[str, int | None] = {}
    for row in rows:
        if not isinstance(row, dict):
            fault(data, "each row must be a mapping", "write '- id: ...' with label, basic_interest and cells")
            continue
        row_id = str(row.get("id") or "")
        where = f"row '{row_id or '?'}'"
        if not vocab.SLUG_RE.match(row_id):
            fault(row, f"{where}: id must be lowercase letters, digits and single hyphens", "e.g. id: energi")
        elif row_id in seen:
            fault(row, f"{where}: id used twice (first at line {seen[row_id]})", "give each row its own id")
        seen[row_id] = data_file.line_of(row)
        for key in sorted(set(row) - ROW_KEYS):
            fault(row, f"{where}: unknown key '{key}'", f"use only: {', '.join(sorted(ROW_KEYS))}")
        for lang in data_file.missing_languages(row.get("label"), LANGS):
            fault(row, f"{where}: label lacks '{lang}'", "write the label in both languages")
        interest = str(row.get("basic_interest") or "")
        if interest not in codes["basic_interest"].values:
            fault(row, f"{where}: basic_interest '{interest}' is not defined in {codes.path}",
                  f"use one of: {codes['basic_interest'].allowed()}")
        cells = row.get("cells")
        if not isinstance(cells, dict):
            fault(row, f"{where}: no cells", f"add cells: one per column ({', '.join(columns) or 'see columns'})")
            continue
        for column in columns:
            if column not in cells:
                fault(row, f"{where}: no cell for column '{column}'", "add it with intensity, section, events and sources")
        for column, cell in cells.items():
            if column not in columns:
                fault(cells, f"{where}: cell for unknown column '{column}'", f"use one of: {', '.join(columns)}")
            _check_cell(f"{where}, column '{column}'", cell, cells, codes, events, known_keys, page, sections, fault)
            if isinstance(cell, dict) and column in windows:
                _check_cell_dates(f"{where}, column '{column}'", cell, windows, column, events, fault)
    return problems


def _check_columns(columns, data, codes: vocab.Codes, fault) -> list[str]:
    if not isinstance(columns, list) or not columns:
        fault(data, "no columns", "add columns: groups of phases, each with id, label and phases")
        return []
    order = list(codes["phase"].values)
    ids: list[str] = []
    last = -1
    for column in columns:
        if not isinstance(column, dict):
            fault(data, "each column must be a mapping", "write '- id: ...' with label and phases")
            continue
        column_id = str(column.get("id") or "")
        where = f"column '{column_id or '?'}'"
        if not vocab.SLUG_RE.match(column_id):
            fault(column, f"{where}: id must be lowercase letters, digits and single hyphens", "e.g. id: sebelum-2020")
        elif column_id in ids:
            fault(column, f"{where}: id used twice", "give each column its own id")
        ids.append(column_id)
        for key in sorted(set(column) - COLUMN_KEYS):
            fault(column, f"{where}: unknown key '{key}'", f"use only: {', '.join(sorted(COLUMN_KEYS))}")
        for lang in data_file.missing_languages(column.get("label"), LANGS):
            fault(column, f"{where}: label lacks '{lang}'", "write the label in both languages")
        phases = column.get("phases")
        if not isinstance(phases, list) or not phases:
            fault(column, f"{where}: no phases", f"list the phases it groups, from: {codes['phase'].allowed()}")
            continue
        unknown = [str(p) for p in phases if str(p) not in order]
        for phase in unknown:
            fault(column, f"{where}: phase '{phase}' is not defined in {codes.path}", f"use one of: {codes['phase'].allowed()}")
        if unknown:
            continue
        positions = [order.index(str(p)) for p in phases]
        if positions != list(range(positions[0], positions[0] + len(positions))):
            fault(column, f"{where}: its phases are not consecutive and in date order", f"phases in order: {', '.join(order)}")
        elif positions[0] <= last:
            fault(column, f"{where}: repeats a phase of an earlier column or comes before it",
                  "give each phase to one column, columns in date order")
        last = max(last, positions[-1])
    return ids


def _column_windows(columns, codes: vocab.Codes) -> dict[str, tuple[list[str], list[tuple]]]:
    """For each well-formed column: its phases and the days each may cover (boundary days included)."""
    windows = {}
    for column in columns if isinstance(columns, list) else []:
        if not isinstance(column, dict) or not isinstance(column.get("phases"), list):
            continue
        phases = [str(p) for p in column["phases"]]
        days = [codes.phase_window(p) for p in phases]
        if phases and all(days):  # unknown or undated phases are reported by _check_columns / codes.py
            windows[str(column.get("id") or "")] = (phases, days)
    return windows


def _check_cell_dates(where, cell, windows, column: str, events: dict[str, timeline.Event], fault) -> None:
    phases, days = windows[column]
    items = cell.get("events") if isinstance(cell.get("events"), list) else []
    for item in items:
        event = events.get(str(item))
        span = timeline.span(event) if event else None
        if span is None or any(span[0] <= high and span[1] >= low for low, high in days):
            continue  # unknown ids are reported by _check_cell; undated events by timeline.check
        own = event.values("phase")[:1]
        home = [c for c, (held, _) in windows.items() if own and own[0] in held]
        fault(cell, f"{where}: event '{event.id}' ({event.date}) lies outside the column's phases "
                    f"({', '.join(phases)}: {days[0][0]} to {days[-1][1]}, boundary days included)",
              "link an event of those phases"
              + (f", or move it to column '{home[0]}' (its phase is {own[0]})" if home else ""))


def _check_cell(where, cell, parent, codes, events, known_keys, page, sections, fault) -> None:
    if not isinstance(cell, dict):
        fault(parent, f"{where}: the cell must be a mapping", "write intensity, section, events and sources")
        return
    for key in sorted(set(cell) - CELL_KEYS):
        fault(cell, f"{where}: unknown key '{key}'", f"use only: {', '.join(sorted(CELL_KEYS))}")
    intensity = str(cell.get("intensity") or "")
    if intensity not in codes["intensity"].values:
        fault(cell, f"{where}: intensity '{intensity}' is not defined in {codes.path}", f"use one of: {codes['intensity'].allowed()}")
    section = str(cell.get("section") or "")
    if not section:
        fault(cell, f"{where}: no section", f"name the section of {page or 'the chapter'} that justifies the rating")
    elif sections is not None and section not in sections:
        close = difflib.get_close_matches(section, sorted(sections), n=2, cutoff=0.5)
        fault(cell, f"{where}: section '{section}' does not exist in {page}",
              f"did you mean {', '.join(close)}?" if close else f"use a section id of {page} (its {{#...}} headings)")
    for part, known, fix in (("events", set(events), "use ids of data/timeline.yml"),
                             ("sources", known_keys, "use keys of references.bib")):
        items = cell.get(part)
        if not isinstance(items, list) or not items:
            fault(cell, f"{where}: no {part}", f"list at least one ({fix})")
            continue
        for item in items:
            if str(item) not in known:
                close = difflib.get_close_matches(str(item), sorted(known), n=2, cutoff=0.6)
                fault(cell, f"{where}: unknown {part[:-1]} '{item}'", f"did you mean {', '.join(close)}?" if close else fix)


def check_data(data_dir: Path, known_keys: set[str], docs: Path | None) -> list[Problem]:
    """What the source check adds for the coded timeline: the vocabularies' anchors and the interest table.

    (The events and codes.yml itself are checked by timeline.check.)"""
    codes, problems = vocab.load(data_dir / vocab.FILE_NAME)
    if codes is None:
        return []  # timeline.check reports it
    problems = vocab.check_anchors(codes, docs) if docs is not None else []
    if (data_dir / INTENSITY_FILE).exists():
        table, found = load_intensity(data_dir)
        problems += found
        if table is not None:
            problems += check_intensity(table, codes, _events(data_dir), known_keys, docs)
    return problems


def _events(data_dir: Path) -> dict[str, timeline.Event]:
    path = data_dir / "timeline.yml"
    return {e.id: e for e in timeline.load(path)[0]} if path.exists() else {}


def check_page(markdown: str, shown: str, data_dir: Path, known_keys: set[str], docs: Path | None) -> list[Problem]:
    """The build's check of a page's table markers: known names, and the data each table needs."""
    problems: list[Problem] = []
    for line, name, _number in markers(markdown):
        if name not in RENDERERS:
            problems.append(Problem(shown, line, f"unknown table '{name}'", f"use one of: {', '.join(RENDERERS)}"))
            continue
        codes, found = vocab.load(data_dir / vocab.FILE_NAME)
        if codes is None:
            problems += found
        elif name == "interest-intensity":
            table, found = load_intensity(data_dir)
            problems += found
            if table is not None:
                problems += check_intensity(table, codes, _events(data_dir), known_keys, docs)
    return problems


# -- rendering ------------------------------------------------------------------------------------------

def _cell_text(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=False)


def _caption(number: str, text: str, lang: str) -> str:
    prefix = f"{TERMS[lang]['table']} {number}. " if number else ""
    return f'<figcaption markdown="span">{html.escape(prefix)}{_cell_text(text)}</figcaption>'


def _figure(name: str, caption: str, head: list[str], rows: list[list[str]]) -> str:
    """A captioned table; cells hold Markdown (one line each), the first cell of a row is its header."""
    out = [f'<figure class="bt-table bt-table-{name}" markdown>', caption, '<table markdown="block">',
           '<thead markdown="block">', '<tr markdown="block">']
    out += [f'<th scope="col" markdown="span">{cell}</th>' for cell in head]
    out += ["</tr>", "</thead>", '<tbody markdown="block">']
    for row in rows:
        out.append('<tr markdown="block">')
        out.append(f'<th scope="row" markdown="span">{row[0]}</th>')
        out += [f'<td markdown="span">{cell}</td>' for cell in row[1:]]
        out.append("</tr>")
    out += ["</tbody>", "</table>", "</figure>"]
    return "\n".join(out)


def _event_links(events: list[timeline.Event], lang: str, page: str) -> str:
    return ", ".join(f'[{timeline.short_date(e, lang)}]({page}#{e.id} "{timeline._title(e.title.get(lang, ""))}")'
                     for e in events)


def _span(values: list[vocab.Value], lang: str) -> str:
    starts = [v.start for v in values if v.start]
    ends = [v.end for v in values if v.end]
    if not starts or not ends:
        return ""
    first, last = min(starts).year, max(ends).year
    return str(first) if first == last else f"{first}–{last}"


def _day(day, lang: str) -> str:
    return f"{day.day}\u00a0{timeline.MONTHS[lang][day.month - 1][:3]}\u00a0{day.year}" if day else "?"


def render_interest_intensity(table: Intensity | None, codes: vocab.Codes, events: dict[str, timeline.Event],
                              lang: str, number: str = "", timeline_page: str = TIMELINE_PAGE) -> str:
    t = TERMS[lang]
    if table is None:
        return ""
    data = table.data
    page = str(data.get("page") or "")
    columns = [c for c in data.get("columns") or [] if isinstance(c, dict)]
    head = [t["interest"]]
    for column in columns:
        phases = [codes["phase"].values[p] for p in column.get("phases") or [] if p in codes["phase"].values]
        years = _span(phases, lang)
        head.append(_cell_text((column.get("label") or {}).get(lang, column.get("id", ""))) + (f" ({years})" if years else ""))
    rows = []
    for row in data.get("rows") or []:
        if not isinstance(row, dict):
            continue
        interest = codes["basic_interest"].values.get(str(row.get("basic_interest")))
        first = f'**{_cell_text((row.get("label") or {}).get(lang, row.get("id", "")))}**'
        if interest:
            first += f'<br>[{timeline._markdown_text(interest.label.get(lang, interest.id))}]({interest.anchor} "{timeline._title(interest.definition.get(lang, ""))}")'
        cells = row.get("cells") if isinstance(row.get("cells"), dict) else {}
        line = [first]
        for column in columns:
            cell = cells.get(column.get("id"))
            if not isinstance(cell, dict):
                line.append(t["none"])
                continue
            level = codes["intensity"].values.get(str(cell.get("intensity")))
            label = timeline._markdown_text(level.label.get(lang, level.id) if level else str(cell.get("intensity")))
            text = f"[{label}]({page}#{cell.get('section')})" if page and cell.get("section") else label
            linked = [events[i] for i in cell.get("events") or [] if i in events]
            if linked:
                text += f"<br>{t['events']}: {_event_links(linked, lang, timeline_page)}"
            keys = [str(k) for k in cell.get("sources") or []]
            if keys:
                text += " [" + "; ".join(f"@{k}" for k in keys) + "]"
            line.append(text)
        rows.append(line)
    caption = (data.get("caption") or {}).get(lang, "")
    return _figure("interest-intensity", _caption(number, caption, lang), head, rows)


def render_phase_instruments(events: list[timeline.Event], codes: vocab.Codes, lang: str, number: str = "",
                             timeline_page: str = TIMELINE_PAGE) -> str:
    t = TERMS[lang]
    instruments = list(codes["instrument"].values.values())
    changes = codes["policy_change"]
    head = [t["phase"]] + [f'[{timeline._markdown_text(v.label.get(lang, v.id))}]({v.anchor} '
                           f'"{timeline._title(v.definition.get(lang, ""))}")' for v in instruments] + [t["highest"]]
    rows = []
    for phase in codes["phase"].values.values():
        acts = [e for e in events if e.values("phase")[:1] == [phase.id] and e.values("instrument")]
        line = [f"**{timeline._markdown_text(phase.label.get(lang, phase.id))}**<br>{_day(phase.start, lang)} – {_day(phase.end, lang)}"]
        for instrument in instruments:
            used = [e for e in acts if instrument.id in e.values("instrument")]
            line.append(_event_links(used, lang, timeline_page) if used else t["none"])
        ranked = [(changes.rank(e.values("policy_change")[0]), e) for e in acts if e.values("policy_change")]
        ranked = [(rank, e) for rank, e in ranked if rank >= 0]
        if ranked:
            top = max(rank for rank, _ in ranked)
            value = list(changes.values.values())[top]
            carriers = [e for rank, e in ranked if rank == top]
            line.append(f'[{timeline._markdown_text(value.label.get(lang, value.id))}]({value.anchor} '
                        f'"{timeline._title(value.definition.get(lang, ""))}"): {_event_links(carriers, lang, timeline_page)}')
        else:
            line.append(t["none"])
        rows.append(line)
    return _figure("phase-instruments", _caption(number, t["instruments_caption"], lang), head, rows)


def _render(name: str, number: str, lang: str, timeline_path: Path) -> str:
    data_dir = timeline_path.parent
    codes, _ = vocab.load(data_dir / vocab.FILE_NAME)
    if codes is None:
        return ""
    events = timeline.load(timeline_path)[0] if timeline_path.exists() else []
    if name == "interest-intensity":
        table = load_intensity(data_dir)[0] if (data_dir / INTENSITY_FILE).exists() else None
        return render_interest_intensity(table, codes, {e.id: e for e in events}, lang, number)
    return render_phase_instruments(events, codes, lang, number)


RENDERERS = ("interest-intensity", "phase-instruments")


def expand(markdown: str, lang: str, timeline_path: Path) -> str:
    """Replace each known table marker with its table (unknown names are left for check_page to report)."""
    if "booktools:table" not in markdown:
        return markdown

    def replace(match: re.Match) -> str:
        if match["name"] not in RENDERERS:
            return match[0]
        return "\n" + _render(match["name"], match["number"] or "", lang, timeline_path) + "\n"

    return MARKER_RE.sub(replace, markdown)

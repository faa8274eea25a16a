"""The closed vocabularies of the coded timeline (data/codes.yml): load them, check them, look values up.

data/codes.yml defines once every value a timeline event may carry (``themes``,
``phase``, ``cooperation_form``, ``basic_interest``, ``instrument``,
``policy_change``) and the intensity levels of the interest × phase table. A coded
value has a label and a one-sentence definition in both languages and the anchor of
the chapter section that defines the concept; a phase also has the dates it covers.
Phases must tile time: a phase starts on the day the previous one ends (that
boundary day belongs to both) or on the day after. Values are listed in their
natural order; for ``policy_change`` and ``intensity`` that order is the degree.

``required: true`` at the top makes ``phase`` compulsory on every event; with
``required: false`` uncoded events pass (for a timeline still being coded), and
tests/test_codes.py fails when every event is coded but the switch is off.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import data_file, markdown_scan
from .problems import Problem

LANGS = ("id", "en")
FILE_NAME = "codes.yml"  # next to timeline.yml
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ANCHOR_RE = re.compile(r"^(?P<page>[a-z0-9][a-z0-9-]*\.md)#(?P<id>[A-Za-z][\w-]*)$")


@dataclass(frozen=True)
class Kind:
    field: str | None  # the timeline field that takes these values (None: not on events)
    many: bool = False  # that field is a list
    defined: bool = True  # each value needs a definition and an anchor
    dated: bool = False  # each value covers a date range (phases)


KINDS = {
    "theme": Kind("themes", many=True, defined=False),
    "phase": Kind("phase", dated=True),
    "cooperation_form": Kind("cooperation_form", many=True),
    "basic_interest": Kind("basic_interest", many=True),
    "instrument": Kind("instrument", many=True),
    "policy_change": Kind("policy_change"),
    "intensity": Kind(None),
}
# The coded fields of an event, in the order they are written after `themes`.
CODED_FIELDS = ("phase", "cooperation_form", "basic_interest", "instrument", "policy_change")
VALUE_KEYS = {"id", "label", "definition", "anchor", "start", "end"}


@dataclass
class Value:
    id: str
    label: dict[str, str]
    definition: dict[str, str] = field(default_factory=dict)
    anchor: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    line: int | None = None


@dataclass
class Vocabulary:
    name: str
    label: dict[str, str]
    values: dict[str, Value]
    line: int | None = None

    @property
    def kind(self) -> Kind:
        return KINDS[self.name]

    def allowed(self) -> str:
        return ", ".join(self.values) or "(none defined)"

    def rank(self, value_id: str) -> int:
        return list(self.values).index(value_id) if value_id in self.values else -1


@dataclass
class Codes:
    path: str  # as shown in messages
    required: bool
    vocabularies: dict[str, Vocabulary]

    def __getitem__(self, name: str) -> Vocabulary:
        return self.vocabularies.get(name) or Vocabulary(name, {}, {})

    def by_field(self, event_field: str) -> Vocabulary:
        for vocabulary in self.vocabularies.values():
            if vocabulary.kind.field == event_field:
                return vocabulary
        return Vocabulary(event_field, {}, {})

    def phase_window(self, phase_id: str) -> tuple[dt.date, dt.date] | None:
        """The days an event of this phase may fall on: its range, plus the boundary day it
        shares with each neighbour (the day a neighbour ends or starts may belong to either)."""
        phases = list(self["phase"].values.values())
        ids = [p.id for p in phases]
        if phase_id not in ids:
            return None
        i = ids.index(phase_id)
        phase = phases[i]
        if phase.start is None or phase.end is None:
            return None
        low, high = phase.start, phase.end
        if i > 0 and phases[i - 1].end:
            low = min(low, phases[i - 1].end)
        if i + 1 < len(phases) and phases[i + 1].start:
            high = max(high, phases[i + 1].start)
        return low, high

    def label(self, name: str, value_id: str, lang: str) -> str:
        value = self[name].values.get(value_id)
        return str(value.label.get(lang, value_id)) if value else value_id


_loaded: dict[tuple, tuple[Codes | None, list[Problem]]] = {}


def path_for(timeline_path: Path) -> Path:
    return timeline_path.parent / FILE_NAME


def load(path: Path) -> tuple[Codes | None, list[Problem]]:
    """The vocabularies and the faults of the file itself; parsed once per process per content of the file."""
    try:
        content = path.read_bytes()
    except OSError:
        return None, [Problem(shown(path), None, "the vocabularies file does not exist",
                              f"create {FILE_NAME} next to timeline.yml (see booktools/codes.py)")]
    key = (str(path), content)
    if key not in _loaded:
        _loaded[key] = _load(path)
    return _loaded[key]


def shown(path: Path) -> str:
    """A path as a contributor would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _load(path: Path) -> tuple[Codes | None, list[Problem]]:
    where = shown(path)
    data, problems = data_file.load(path, where)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(where, 1, "the file must be a mapping of vocabularies",
                              f"start with 'required: false' and then {', '.join(KINDS)}")]

    def fault(line, message, fix):
        problems.append(Problem(where, line, message, fix))

    required = data.get("required", False)
    if not isinstance(required, bool):
        fault(1, f"'required' must be true or false, not {required!r}", "write required: true or required: false")
        required = False
    for key in data:
        if key != "required" and key not in KINDS:
            fault(1, f"unknown vocabulary '{key}'", f"use only: required, {', '.join(KINDS)}")
    vocabularies = {}
    for name in KINDS:
        if name not in data:
            fault(1, f"vocabulary '{name}' is missing", f"add '{name}:' with a label and values")
            continue
        vocabulary = _vocabulary(name, data[name], fault)
        if vocabulary is not None:
            vocabularies[name] = vocabulary
    if "phase" in vocabularies:
        _check_tiling(list(vocabularies["phase"].values.values()), fault)
    return Codes(where, required, vocabularies), problems


def _vocabulary(name: str, node, fault) -> Vocabulary | None:
    kind = KINDS[name]
    line = data_file.line_of(node, 1)
    if not isinstance(node, dict):
        fault(line, f"vocabulary '{name}' must be a mapping with 'label' and 'values'", "see the other vocabularies")
        return None
    for lang in data_file.missing_languages(node.get("label"), LANGS):
        fault(line, f"vocabulary '{name}' has no label in '{lang}'", f"write label: {{{', '.join(f'{x}: ...' for x in LANGS)}}}")
    for key in set(node) - {"label", "values"}:
        fault(line, f"vocabulary '{name}' has an unknown key '{key}'", "use only label and values")
    items = node.get("values")
    if not isinstance(items, list) or not items:
        fault(line, f"vocabulary '{name}' has no values", "add a list of values, each starting with '- id: ...'")
        items = []
    values: dict[str, Value] = {}
    for item in items:
        value = _value(name, kind, item, line, fault)
        if value is None:
            continue
        if value.id in values:
            fault(value.line, f"{name} value '{value.id}' is defined twice (first at line {values[value.id].line})",
                  "keep one definition of each value")
            continue
        values[value.id] = value
    return Vocabulary(name, dict(node.get("label") or {}), values, line)


def _value(name: str, kind: Kind, item, parent_line, fault) -> Value | None:
    line = data_file.line_of(item, parent_line)
    if not isinstance(item, dict):
        fault(line, f"each {name} value must be a mapping", "write '- id: ...' with label, definition and anchor")
        return None
    value_id = str(item.get("id") or "")
    label = f"{name} value '{value_id or '?'}'"
    if not SLUG_RE.match(value_id):
        fault(line, f"{label}: id must be lowercase letters, digits and single hyphens", "e.g. id: militer-teknis")
        return None
    allowed = {"id", "label"} | ({"definition", "anchor"} if kind.defined else set()) | ({"start", "end"} if kind.dated else set())
    for key in sorted(set(item) - allowed):
        fault(line, f"{label} has an unknown key '{key}'", f"use only: {', '.join(sorted(allowed))}")
    for lang in data_file.missing_languages(item.get("label"), LANGS):
        fault(line, f"{label} has no label in '{lang}'", "write the label in both languages")
    value = Value(value_id, dict(item.get("label") or {}), line=line)
    if kind.defined:
        for lang in data_file.missing_languages(item.get("definition"), LANGS):
            fault(line, f"{label} has no definition in '{lang}'", "write a one-sentence definition in both languages")
        value.definition = dict(item.get("definition") or {})
        value.anchor = str(item.get("anchor") or "")
        if not ANCHOR_RE.match(value.anchor):
            fault(line, f"{label}: anchor '{value.anchor}' is not 'page.md#section-id'",
                  "point to the chapter section that defines the concept, e.g. kerangka-konseptual.md#tipologi-nuechterlein")
    if kind.dated:
        value.start = _date(item.get("start"), f"{label}: start", line, fault)
        value.end = _date(item.get("end"), f"{label}: end", line, fault)
        if value.start and value.end and value.start > value.end:
            fault(line, f"{label} ends ({value.end}) before it starts ({value.start})", "swap or fix the dates")
    return value


def _date(raw, what: str, line, fault) -> dt.date | None:
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        fault(line, f"{what} '{raw}' is not a date", "write YYYY-MM-DD")
        return None


def _check_tiling(phases: list[Value], fault) -> None:
    """Each phase starts on the day the previous one ends, or the day after: no gap, no overlap."""
    for before, after in zip(phases, phases[1:]):
        if not (before.end and after.start):
            continue
        if after.start < before.end:
            fault(after.line, f"phase '{after.id}' starts on {after.start}, before '{before.id}' ends on {before.end}",
                  "neighbouring phases may share only their boundary day; list phases in date order")
        elif after.start > before.end + dt.timedelta(days=1):
            fault(after.line, f"phases '{before.id}' and '{after.id}' leave a gap from {before.end + dt.timedelta(days=1)}"
                  f" to {after.start - dt.timedelta(days=1)}", f"start '{after.id}' on {before.end} or the day after")


def check_anchors(codes: Codes, docs: Path) -> list[Problem]:
    """Every value's anchor names a page of this edition and a section id on it."""
    problems: list[Problem] = []
    headings: dict[str, set[str] | None] = {}
    for vocabulary in codes.vocabularies.values():
        for value in vocabulary.values.values():
            match = ANCHOR_RE.match(value.anchor)
            if not match:
                continue
            page, section = match["page"], match["id"]
            if page not in headings:
                path = docs / page
                headings[page] = ({h.id for h in markdown_scan.find_headings(path.read_text(encoding="utf-8")) if h.id}
                                  if path.exists() else None)
            where = f"{vocabulary.name} value '{value.id}'"
            if headings[page] is None:
                problems.append(Problem(codes.path, value.line, f"{where}: anchor page '{page}' does not exist in {shown(docs)}",
                                        "point to an existing chapter"))
            elif section not in headings[page]:
                problems.append(Problem(codes.path, value.line, f"{where}: '{page}' has no section '#{section}'",
                                        "use an existing section id of that chapter (see its {#...} headings)"))
    return problems

"""YAML data files whose mappings remember their line, so every message can say file:line."""
from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses; construction stays in Python


class Mapping(dict):
    """A YAML mapping with the (1-based) line where it starts."""

    line: int = 0


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    pass


def _mapping(loader, node):
    data = Mapping()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))


_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)


def load(path: Path, shown: str | None = None) -> tuple[object, list[Problem]]:
    """The parsed file (None when unreadable) and, if it is not valid YAML, one problem with its line."""
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return None, [Problem(shown, None, f"cannot read the file: {exc.strerror}", "create it or fix the path")]
    try:
        return yaml.load(text, Loader=_Loader), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem(shown, mark.line + 1 if mark else None, f"malformed YAML: {exc}", "fix the syntax")]


def line_of(node, default: int | None = None) -> int | None:
    return getattr(node, "line", None) or default


def missing_languages(value, langs) -> list[str]:
    """The languages for which a {id: ..., en: ...} text is missing or blank."""
    if not isinstance(value, dict):
        return list(langs)
    return [lang for lang in langs if not str(value.get(lang) or "").strip()]

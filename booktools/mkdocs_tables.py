"""MkDocs glue for the tables made from the coded data (booktools/coded_tables.py).

A page's table markers are checked and expanded before booktools' page check and
mkdocs-bibtex read the page (hooks/coded_tables.py runs first), so the citations in
the cells are checked, formatted and listed like any other. The timeline page itself
is still expanded by mkdocs_adapter through timeline.expand.
"""
from __future__ import annotations

import logging
from pathlib import Path

from . import codes as vocab
from . import coded_tables, timeline

log = logging.getLogger("mkdocs.plugins.booktools.tables")


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def _timeline_path(config) -> Path:
    return _root(config) / config.extra.get("booktools", {}).get("timeline_data", "data/timeline.yml")


def _source(page, config) -> str:
    path = Path(page.file.abs_src_path)
    try:
        return str(path.relative_to(_root(config)))
    except ValueError:
        return str(path)


def _front_matter_lines(page) -> int:
    source = page.file.content_string
    if page.markdown is not None and source.endswith(page.markdown) and source != page.markdown:
        return source[: len(source) - len(page.markdown)].count("\n")
    return 0


def expand_page(markdown: str, page, config) -> str:
    path = _timeline_path(config)
    if timeline.MARKER in markdown and path.exists():
        _note_uncoded(path)
    if not coded_tables.markers(markdown):
        return markdown
    plugin = config.plugins.get("bibtex")
    registry = getattr(plugin, "registry", None)
    known = set(registry.bib_data.entries) if registry is not None else set()
    offset = _front_matter_lines(page)
    for problem in coded_tables.check_page(markdown, _source(page, config), path.parent, known, Path(config.docs_dir)):
        if problem.path == _source(page, config) and problem.line:
            problem = type(problem)(problem.path, problem.line + offset, problem.message, problem.fix)
        log.warning("%s", problem)
    return coded_tables.expand(markdown, config.theme.get("language", "en"), path)


def _note_uncoded(path: Path) -> None:
    """While coding is optional (required: false), say how many events still lack a phase."""
    codes, _ = vocab.load(vocab.path_for(path))
    if codes is None or codes.required:
        return
    events, _ = timeline.load(path)
    uncoded = sum(1 for e in events if not e.values("phase"))
    if uncoded:
        log.info("%s: %d of %d events have no phase yet; set 'required: true' in %s once all are coded",
                 vocab.shown(path), uncoded, len(events), codes.path)

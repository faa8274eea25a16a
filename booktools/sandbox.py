"""A throwaway copy of the book's build machinery with pages and a .bib of the caller's choosing.

Used by the tests (fixture projects with planted faults) and by the benchmark (a
synthetic book at full size). The real configs are copied with their nav removed,
so MkDocs lists whatever pages the sandbox has.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MACHINERY = ["booktools", "hooks", "overrides", "csl", "includes"]
BOOK_FILES = ["CITATION.cff", "CHANGELOG.md"]


def make_project(folder: Path, pages: dict[str, str], bib: str, allow: str = "",
                 bibliography_page: str = "", files: dict[str, str] | None = None) -> Path:
    """pages maps 'id/index.md', 'en/index.md', ... to Markdown; files maps other paths (e.g. data/x.yml)."""
    project = folder / "project"
    for name in MACHINERY:
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in BOOK_FILES:
        shutil.copy2(ROOT / name, project / name)
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        text = (ROOT / config).read_text(encoding="utf-8").split("\nnav:\n")[0] + "\n"
        text = text.replace("bibliography_page: daftar-pustaka.md", f"bibliography_page: '{bibliography_page}'")
        text = text.replace("history_page: riwayat-revisi.md", "history_page: ''")
        _write(project / config, text)
    for rel, text in pages.items():
        _write(project / "docs" / rel, text)
    _write(project / "references.bib", bib)
    if allow:
        _write(project / "references-uncited.yml", allow)
    for rel, text in (files or {}).items():
        _write(project / rel, text)
    return project


def build(project: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *extra], cwd=project,
                          capture_output=True, text=True, env=environment, timeout=600)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")

"""Keep pandoc's formatted citations on disk between builds.

The cache file is named by a hash of everything that changes pandoc's output
(the .bib text, the CSL file and the pandoc version), so a changed source can
never be served a stale citation; an edit to a page only adds new entries.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path


def cache_file(cache_dir: Path, bib_files: list[str], csl_file: str, pandoc_version: str) -> Path:
    digest = hashlib.sha256(pandoc_version.encode())
    for path in [*bib_files, csl_file]:
        digest.update(Path(path).read_bytes())
    return cache_dir / f"citations-{digest.hexdigest()[:20]}.json"


def load(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return dict(data["inline"]), dict(data["references"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}, {}


def save(path: Path, inline: dict[str, str], references: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"inline": inline, "references": references}, ensure_ascii=False, sort_keys=True),
                   encoding="utf-8")
    tmp.replace(path)

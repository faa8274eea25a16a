"""Helpers shared by the tests: the repository root, a good .bib, fixture projects (see booktools.sandbox)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booktools import sandbox  # noqa: E402

GOOD_BIB = """
@book{dewaal2003black,
  author    = {{de Waal}, Thomas},
  title     = {Black Garden: {Armenia} and {Azerbaijan} through Peace and War},
  publisher = {New York University Press},
  location  = {New York},
  year      = {2003},
  isbn      = {9780814719459}
}

@incollection{cornell2017turkey,
  author    = {Cornell, Svante E.},
  title     = {Turkey's Role},
  booktitle = {The International Politics of the {Armenian}-{Azerbaijani} Conflict},
  editor    = {Cornell, Svante E.},
  publisher = {Palgrave Macmillan},
  year      = {2017},
  pages     = {89--105},
  doi       = {10.1057/978-1-137-60006-6}
}

@article{many2020authors,
  author  = {Satu, Ani and Dua, Budi and Tiga, Citra},
  title   = {A Test Article},
  journal = {Journal of Tests},
  year    = {2020},
  url     = {https://example.org/article}
}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_project(tmp_path: Path, pages: dict[str, str], bib: str = GOOD_BIB, allow: str = "",
                 files: dict[str, str] | None = None) -> Path:
    return sandbox.make_project(tmp_path, pages, bib, allow, files=files)


def build(project: Path, *extra: str):
    return sandbox.build(project, *extra)


# Pages of a small good book in both editions (used by the build and citation tests).
ID_PAGE = """# Bab uji

## Bagian pertama {#bagian-pertama}

Satu [@dewaal2003black, hlm. 12]. Dua [@cornell2017turkey; @many2020authors].
Menurut de Waal [-@dewaal2003black], begitu. Kode `[@dewaal2003black]` tetap kode.

```text
[@cornell2017turkey] di blok kode
```
"""
EN_PAGE = """# Test chapter

## First section {#bagian-pertama}

One [@dewaal2003black, p. 12]. Two [@cornell2017turkey; @many2020authors].
According to de Waal [-@dewaal2003black], so. Code `[@dewaal2003black]` stays code.
"""
BIB_PAGE = "# Daftar pustaka\n\n<!-- booktools:full-bibliography -->\n"
INDEX = "# Beranda\n\nTeks.\n"


def good_pages(**changes):
    pages = {"id/index.md": INDEX, "en/index.md": INDEX.replace("Beranda", "Home"),
             "id/bab.md": ID_PAGE, "en/bab.md": EN_PAGE,
             "id/pustaka.md": BIB_PAGE, "en/pustaka.md": BIB_PAGE.replace("Daftar pustaka", "Bibliography")}
    pages.update(changes)
    return pages

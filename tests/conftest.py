"""pytest fixtures and markers for the tests in this folder; the helpers live in fixtures.py.

Markers (registered in pytest.ini) are applied here by path, so a new test file in the right place
gets them without a decorator:
- browser: drives Chromium (everything in tests/browser/, and test_downloads.py, which prints the PDFs);
- slow: needs the whole book built, or its PDFs and offline zip (the same files).
`make quick` runs `pytest -m "not slow"`; `make test` then runs `pytest -m slow` with BOOK_BUILT_SITE
pointing at the site and downloads it has just built, so those tests do not build the book again.
"""
import os
from pathlib import Path

import pytest

from fixtures import GOOD_BIB, ROOT, build, good_pages, make_project

# Test files that need Chromium and the whole book (relative to tests/).
BROWSER_PATHS = ("browser/", "test_downloads.py")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        rel = Path(item.fspath).relative_to(here).as_posix()
        if rel.startswith(BROWSER_PATHS):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def built_site():
    """The site `make test` built (BOOK_BUILT_SITE, relative to the repository or absolute), or None."""
    value = os.environ.get("BOOK_BUILT_SITE")
    if not value:
        return None
    path = (ROOT / value).resolve()
    if not (path / "index.html").exists():
        pytest.fail(f"BOOK_BUILT_SITE={value}: no built site at {path} -> run `make build`, or unset it "
                    "to let the tests build the book themselves")
    return path


@pytest.fixture
def project_factory(tmp_path):
    return lambda pages, bib=GOOD_BIB, allow="": make_project(tmp_path, pages, bib, allow)


@pytest.fixture(scope="session")
def good_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("good"), good_pages())
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"

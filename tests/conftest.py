"""pytest fixtures for the tests in this folder; the helpers live in fixtures.py."""
import pytest

from fixtures import GOOD_BIB, build, good_pages, make_project


@pytest.fixture
def project_factory(tmp_path):
    return lambda pages, bib=GOOD_BIB, allow="": make_project(tmp_path, pages, bib, allow)


@pytest.fixture(scope="session")
def good_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("good"), good_pages())
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"

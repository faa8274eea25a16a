"""pytest fixtures for the tests in this folder; the helpers live in fixtures.py."""
import pytest

from fixtures import GOOD_BIB, make_project


@pytest.fixture
def project_factory(tmp_path):
    return lambda pages, bib=GOOD_BIB, allow="": make_project(tmp_path, pages, bib, allow)

"""The W3C Nu Html Checker finds no error from our pages, templates and overrides (scripts/check_html.py).

Needs Java and npm (for the pinned vnu-jar in tools/vnu); without them these tests are skipped with a
message, and in CI (CI=true) they fail.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import material
import pytest

from fixtures import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import check_html  # noqa: E402

MATERIAL = Path(material.__file__).parent / "templates"
UPSTREAM_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}"


@pytest.fixture(scope="module")
def vnu():
    try:
        if not shutil.which("java"):
            raise check_html.Unavailable("java not found: the Nu Html Checker needs Java 11 or newer")
        check_html.ensure_vnu()
    except check_html.Unavailable as error:
        if os.environ.get("CI"):
            pytest.fail(str(error))
        pytest.skip(str(error))
    return check_html


def test_nav_item_override_is_upstream_plus_the_tabindex_fix():
    upstream = (MATERIAL / "partials" / "nav-item.html").read_text().split(UPSTREAM_HEADER, 1)[1]
    ours = (ROOT / "overrides" / "partials" / "nav-item.html").read_text().split("-#}", 1)[1]
    for indent, extra in (("          ", ""), ("              ", " {{ class }}")):
        upstream = upstream.replace(
            f'{indent}{{% set tabindex = "0" if not is_section %}}\n'
            f'{indent}<label class="md-nav__link{extra}" for="{{{{ path }}}}" id="{{{{ path }}}}_label" '
            f'tabindex="{{{{ tabindex }}}}">',
            f'{indent}<label class="md-nav__link{extra}" for="{{{{ path }}}}" id="{{{{ path }}}}_label"'
            f'{{% if not is_section %}} tabindex="0"{{% endif %}}>')
    assert ours == upstream, "Material's partials/nav-item.html changed: copy it again and re-apply the tabindex fix"


def test_built_pages_have_no_error_of_our_own(vnu, good_site):
    assert vnu.problems([good_site], good_site) == []


def test_a_planted_error_is_reported_with_file_and_line(vnu, good_site, tmp_path):
    page = (good_site / "index.html").read_text()
    bad = tmp_path / "bad.html"
    bad.write_text(page.replace("<h1", '<h1 tabindex=""', 1))
    found = vnu.problems([bad], tmp_path)
    assert len(found) == 1 and found[0].startswith("bad.html:") and "tabindex" in found[0], found


def test_material_toggles_are_the_only_known_errors(vnu, good_site):
    """The known (theme) errors are really there: if Material drops them, KNOWN can go."""
    messages = vnu.run([good_site / "index.html"])
    known = [m for m in messages if vnu.is_known(m)]
    assert len(known) == 2 and len(messages) == 2

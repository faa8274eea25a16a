"""Copied theme partials must follow Material's originals except for their documented change."""
from pathlib import Path

import material

from fixtures import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}"


def test_search_partial_differs_only_by_the_dialog_name():
    original = (MATERIAL / "partials" / "search.html").read_text()
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text()
    ours_body = ours.split("-#}", 1)[1]
    expected = original.split(HEADER, 1)[1].replace(
        'role="dialog">', "role=\"dialog\" aria-label=\"{{ lang.t('search') }}\">", 1)
    assert ours_body == expected, "Material's partials/search.html changed: copy it again and re-add the aria-label"

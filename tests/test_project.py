"""Promises of the README about setup: pinned versions, one test command, no system pandoc.

Which versions are pinned is for Dependabot and `make test` to decide, not for a test: only that every
requirement is pinned, and pinned alike in constraints.txt.
"""
import re
from pathlib import Path

from booktools.config_file import read_config
from fixtures import ROOT

PIN_RE = re.compile(r"^([A-Za-z0-9_.\-]+)==([\w.\-+]+)$")


def requirement_lines(path: Path) -> list[str]:
    return [line.split("#")[0].strip() for line in path.read_text().splitlines() if line.split("#")[0].strip()]


def test_every_requirement_is_pinned_and_constrained():
    constraints = dict(PIN_RE.match(line).groups() for line in requirement_lines(ROOT / "constraints.txt"))
    for line in requirement_lines(ROOT / "requirements.txt"):
        match = PIN_RE.match(line)
        assert match, f"requirements.txt: '{line}' is not pinned with =="
        name, version = match.groups()
        found = {k.lower().replace("_", "-"): v for k, v in constraints.items()}
        assert found.get(name.lower().replace("_", "-")) == version, f"{name} missing or different in constraints.txt"


def test_pandoc_comes_from_pypandoc_binary():
    import pypandoc

    assert "site-packages" in pypandoc.get_pandoc_path()


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make serve" in readme and "make test" in readme
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci[-1].strip() == "make test"
    assert "pip install" not in "\n".join(ci), ".ci/run must not install Python packages by hand"


def test_offline_settings():
    config = read_config(ROOT / "mkdocs.yml")
    assert config["theme"]["font"] is False, "Material would load Google Fonts"
    assert config["plugins"]["bibtex"]["enable_inline_citations"] is False
    assert "emoji" not in " ".join(config["markdown_extensions"]), "emoji shortcodes load images from a CDN"
    assert "repo_url" not in config, "Material would call the GitHub API for repository facts"

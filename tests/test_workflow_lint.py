"""The workflow lint of `make check` (actionlint with ShellCheck, and zizmor) rejects a planted bad workflow
and passes the repository's own workflows."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures import ROOT

BIN = Path(sys.executable).parent
BAD_WORKFLOW = """name: bad
on:
  pull_request_target:
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo ${{ githbu.sha }}
      - run: ls $HOME_DIRS
"""


def makefile_command(tool: str) -> list[str]:
    """The tool's command line as the Makefile's check tier runs it, so the test checks what make runs."""
    line = re.search(rf"\$\(BIN\)/{tool}( .*)$", (ROOT / "Makefile").read_text(), re.M)
    assert line, f"Makefile: no '$(BIN)/{tool}' line"
    return [str(BIN / tool), *line.group(1).replace("$(BIN)", str(BIN)).split()]


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def bad_repo(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(BAD_WORKFLOW, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)  # actionlint looks for the repository root
    return tmp_path


def test_actionlint_rejects_the_planted_faults(bad_repo):
    result = run(makefile_command("actionlint"), bad_repo)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert 'undefined variable "githbu"' in out  # a typo in an expression
    assert "potentially untrusted" in out  # a pull request title pasted into a script
    assert "SC2086" in out  # ShellCheck runs on run: scripts


def test_zizmor_rejects_the_planted_faults(bad_repo):
    command = [part if part != ".github" else str(bad_repo / ".github") for part in makefile_command("zizmor")]
    result = run(command, bad_repo)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    for audit in ("template-injection", "unpinned-uses", "dangerous-triggers", "artipacked"):
        assert audit in out, audit


@pytest.mark.parametrize("tool", ["actionlint", "zizmor"])
def test_repository_workflows_pass(tool):
    result = run(makefile_command(tool), ROOT)
    assert result.returncode == 0, result.stdout + result.stderr

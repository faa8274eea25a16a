"""`make check-external` wired end to end, offline: the real script and lychee with the project's lychee.toml,
against a server on 127.0.0.1 that answers with each kind of status."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from booktools.external_links import sort_answers
from fixtures import ROOT, write
from scripts import check_external_links

ANSWERS = {"/ok": 200, "/moved": 301, "/gone": 404, "/forbidden": 403, "/throttled": 429, "/error": 500}
# A .bib with one URL and no DOI (a DOI would send lychee to doi.org).
BIB = "@online{satu2024page,\n  author = {Satu, Ani},\n  title = {A Page},\n  date = {2024},\n  url = {SERVER/ok},\n  urldate = {2024-01-01}\n}\n"
# The project's lychee.toml, made quick for one local host (per-host interval and retries off).
FAST = ["--", "--host-request-interval", "0ms", "--max-retries", "0", "--cache=false"]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(ANSWERS.get(self.path, 404))
        if self.path == "/moved":
            self.send_header("Location", "/ok")
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_broken_and_unverified_are_reported_apart(server, tmp_path, capsys):
    links = write(tmp_path / "external-links.txt", "".join(f"{server}{path}\n" for path in ANSWERS if path != "/ok"))
    bib = write(tmp_path / "references.bib", BIB.replace("SERVER", server))
    code = check_external_links.main(["--links", str(links), "--bib", str(bib), "--out", str(tmp_path), *FAST])
    out = capsys.readouterr().out
    assert code == 1, out  # a broken link fails the command
    report = json.loads((tmp_path / "external-links.json").read_text())
    assert sorted(o["url"] for o in report["broken"]) == [f"{server}/error", f"{server}/gone"]
    assert sorted(o["status"] for o in report["unverified"]) == [403, 429]  # refused: not fine, not broken
    assert report["fine"] == 2  # /ok from the .bib, and /moved after its redirect
    markdown = (tmp_path / "external-links.md").read_text()
    assert "## Broken (2)" in markdown and "## Unverified (2)" in markdown
    assert f"UNVERIFIED {server}/forbidden" in out and f"BROKEN {server}/gone" in out


def test_only_refusals_pass_but_stay_listed(server, tmp_path, capsys):
    links = write(tmp_path / "external-links.txt", f"{server}/ok\n{server}/throttled\n")
    bib = write(tmp_path / "references.bib", BIB.replace("SERVER", server))
    code = check_external_links.main(["--links", str(links), "--bib", str(bib), "--out", str(tmp_path), *FAST])
    assert code == 0
    assert "1 unverified" in capsys.readouterr().out


def test_timeouts_are_unverified():
    lychee = {"total": 2, "successful": 0, "excludes": 0,
              "error_map": {"x": [{"url": "https://a.example/", "status": {"text": "DNS error"}}]},
              "timeout_map": {"x": [{"url": "https://b.example/", "status": {"text": ""}}]}}
    summary = sort_answers(lychee)
    assert [o.url for o in summary.broken] == ["https://a.example/"]
    assert [(o.url, o.answer) for o in summary.unverified] == [("https://b.example/", "timed out")]


def test_lychee_config_is_the_one_the_command_uses():
    assert (ROOT / "lychee.toml").exists() and (ROOT / ".lycheeignore").exists()
    assert 'accept = ["200..=299"]' in (ROOT / "lychee.toml").read_text()  # 403/429 are never accepted


def test_a_run_that_requests_nothing_fails_unless_offline(server, tmp_path, capsys):
    links = write(tmp_path / "external-links.txt", f"{server}/ok\n")
    bib = write(tmp_path / "references.bib", BIB.replace("SERVER", server))
    args = ["--links", str(links), "--bib", str(bib), "--out", str(tmp_path)]
    assert check_external_links.main([*args, *FAST, "--exclude", "."]) == 1  # e.g. a .lycheeignore line '.'
    assert "every one was excluded" in capsys.readouterr().out
    assert check_external_links.main([*args, *FAST, "--offline"]) == 0  # the wiring, with no request at all
    assert "1 excluded" in capsys.readouterr().out  # the page link and the .bib url are one URL

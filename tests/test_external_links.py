"""The network link check against a local server on 127.0.0.1 (no internet needed)."""
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from booktools.external_links import check_all, write_report


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path in ("/ok", "/slow") else 404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_reports_broken_and_passes_good(server, tmp_path):
    urls = [f"{server}/ok", f"{server}/missing", f"{server}/no-head", f"{server}/slow"]
    results = {r.url: r for r in check_all(urls, workers=4, timeout=0.5, retries=1, backoff=0.01)}
    assert results[f"{server}/ok"].ok
    assert results[f"{server}/no-head"].ok
    assert not results[f"{server}/missing"].ok and results[f"{server}/missing"].status == 404
    assert results[f"{server}/missing"].attempts == 1  # a 404 is final: no retry
    slow = results[f"{server}/slow"]
    assert not slow.ok and slow.attempts == 2 and "timed out" in slow.error.lower()
    write_report(list(results.values()), tmp_path / "r.json", tmp_path / "r.md")
    assert "2 broken" in (tmp_path / "r.md").read_text()

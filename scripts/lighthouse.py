"""Performance budget: Lighthouse (mobile) on the landing page and the longest chapter, against the budget.

Prints the four category scores, bytes transferred and request count per page (the median of --runs),
and each figure that misses the budget: Performance 98 or more; Accessibility, Best Practices and SEO
100; at most 200 KB transferred a page. Exit status 1 when a page misses it, so `make lighthouse` can
gate a change. Needs node 20+ and npm (tools/lighthouse is installed with `npm ci` from its lock on
first use, and again when the lock changes) and Chromium (BOOK_CHROMIUM, else /usr/bin/chromium).

Usage: python scripts/lighthouse.py [--runs 1]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUDGET = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
PAGE_KB = 200


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed, as GitHub Pages and most static hosts do."""

    COMPRESS = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in self.COMPRESS or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def ensure_lighthouse() -> Path:
    """tools/lighthouse/node_modules as its lock says (npm ci), installed again when the lock is newer."""
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    installed = TOOL / "node_modules" / ".package-lock.json"
    if not binary.exists() or not installed.exists() or \
            installed.stat().st_mtime < (TOOL / "package-lock.json").stat().st_mtime:
        if shutil.which("npm") is None:
            raise SystemExit("npm not found: install node 20 or newer (it brings npm), then run `make lighthouse` again")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOL, check=True)
    return binary


def longest_chapter(site: Path) -> str:
    chapters = [p for p in site.glob("*.html") if p.name not in ("index.html", "404.html", "daftar-pustaka.html",
                                                                  "glosarium.html")]
    return max(chapters, key=lambda p: p.stat().st_size).name


def audit(binary: Path, url: str, chrome: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
                        f"--chrome-flags={CHROME_FLAGS}", "--form-factor=mobile"],
                       check=True, env=dict(os.environ, CHROME_PATH=chrome), timeout=300)
        report = json.loads(out.read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    requests = report["audits"]["network-requests"]["details"]["items"]
    failed = {}
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            found = report["audits"][ref["id"]]
            if ref.get("weight") and found.get("score") is not None and found["score"] < 0.9:
                failed[f"{category}/{ref['id']}"] = f"{found['title']} ({found.get('displayValue', '')})"
    return {**scores, "bytes": sum(r.get("transferSize", 0) for r in requests), "requests": len(requests),
            "lcp_ms": round(report["audits"]["largest-contentful-paint"]["numericValue"]), "failed": failed}


def misses(page: str, figures: dict) -> list[str]:
    """The figures of one page that miss the budget."""
    found = [f"{page}: {c} {figures[c]:.0f} < {BUDGET[c]}" for c in CATEGORIES if figures[c] < BUDGET[c]]
    if figures["bytes"] / 1024 > PAGE_KB:
        found.append(f"{page}: {figures['bytes'] / 1024:.0f} KB transferred, budget at most {PAGE_KB} KB")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is printed")
    args = parser.parse_args(argv)
    chrome = os.environ.get("BOOK_CHROMIUM", "/usr/bin/chromium")
    if not Path(chrome).exists():
        print("Chromium not found: run `make browser` or set BOOK_CHROMIUM")
        return 1
    binary = ensure_lighthouse()
    with tempfile.TemporaryDirectory() as tmp:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(Path(tmp) / "site")))
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        env = dict(os.environ, SITE_URL=base, NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(Path(tmp) / "site")],
                       cwd=ROOT, check=True, env=env, capture_output=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        pages = ["index.html", longest_chapter(Path(tmp) / "site")]
        missed = []
        print(f"Lighthouse {subprocess.run([str(binary), '--version'], capture_output=True, text=True).stdout.strip()}"
              f", mobile, {args.runs} run(s) per page, {shutil.which('node') and subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}")
        print(f"{'page':28} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'KB':>7} {'reqs':>5} {'LCP ms':>7}")
        for page in pages:
            results = [audit(binary, base + page, chrome) for _ in range(args.runs)]
            median = {k: statistics.median(r[k] for r in results) for k in [*CATEGORIES, "bytes", "requests", "lcp_ms"]}
            print(f"{page:28} {median['performance']:5.0f} {median['accessibility']:5.0f} {median['best-practices']:5.0f} "
                  f"{median['seo']:5.0f} {median['bytes'] / 1024:7.1f} {median['requests']:5.0f} {median['lcp_ms']:7.0f}")
            for audit_id, title in results[0]["failed"].items():
                print(f"    failing audit {audit_id}: {title}")
            missed += misses(page, median)
        server.shutdown()
    print(f"budget: performance >= {BUDGET['performance']}; accessibility, best practices, SEO = 100; "
          f"at most {PAGE_KB} KB a page")
    for line in missed:
        print(f"MISSED {line}")
    print("budget met" if not missed else f"{len(missed)} figure(s) miss the budget")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

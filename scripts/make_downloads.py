"""Build the downloads into the built site: a PDF per edition and the offline edition (zip).

Usage: python scripts/make_downloads.py [--site site]   (after `mkdocs build`)
- PDFs need Chromium. Without it they are skipped with a message (site/downloads/.pdf-skipped tells
  scripts/check_site.py not to count their links as broken); with CI=true a missing browser fails.
- The offline edition is a separate build with Material's offline plugin (no site URL, search
  working from file://), PDFs included, zipped as site/downloads/turki-azerbaijan-luring.zip.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import make_pdf  # noqa: E402

ZIP_NAME = "turki-azerbaijan-luring.zip"
SKIPPED = ".pdf-skipped"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def build_offline(site: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "turki-azerbaijan"
        # No site URL (pages link relatively); citations keep the published address if there is one.
        env = dict(os.environ, BOOK_OFFLINE="true", SITE_URL="", NO_MKDOCS_2_WARNING="1",
                   BOOK_CITATION_URL=os.environ.get("SITE_URL", ""))
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                                cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"offline build failed:\n{result.stderr[-3000:]}")
        downloads = out / "downloads"
        downloads.mkdir(exist_ok=True)
        for pdf in sorted((site / "downloads").glob("*.pdf")):
            shutil.copy2(pdf, downloads / pdf.name)
        target = site / "downloads" / ZIP_NAME
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(p for p in out.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(str(path.relative_to(out.parent)), FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"{args.site}: no built site here -> run `make build` first")
        return 1
    downloads = args.site / "downloads"
    downloads.mkdir(exist_ok=True)
    (downloads / SKIPPED).unlink(missing_ok=True)
    if Path(os.environ.get("BOOK_CHROMIUM", "/usr/bin/chromium")).exists():
        if make_pdf.main(["--site", str(args.site)]) != 0:
            return 1
    elif os.environ.get("CI"):
        print("Chromium is missing in CI: the PDFs cannot be built (scripts/install_browser.sh installs it)")
        return 1
    else:
        (downloads / SKIPPED).write_text("PDFs not built: Chromium is missing (make browser)\n", encoding="utf-8")
        print("PDFs skipped: Chromium is missing. Run `make browser` (installs Debian's chromium) to build them.")
    target = build_offline(args.site)
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The W3C Nu Html Checker (vnu.jar) over the built site: no error may come from our pages or templates.

Usage: python scripts/check_html.py [--site site]
Needs Java 11+ and npm (installs the pinned vnu-jar from tools/vnu on first use, without its
postinstall step, which would download a Java runtime). Exits 1 and lists file:line and message for
every error, except the ones listed in KNOWN below: they come from Material's base.html, which an
override cannot change without copying the whole page template (README, "Validators").
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "vnu"
JAR = TOOL / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message pattern, extract pattern): Material's two toggles, <input type="checkbox" autocomplete="off">
# in base.html (autocomplete keeps Firefox from restoring the drawer and search state on "back").
KNOWN = [
    (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
     re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)"')),
]


class Unavailable(RuntimeError):
    """Java or npm is missing: the check cannot run on this machine."""


def ensure_vnu() -> Path:
    if JAR.exists():
        return JAR
    if not shutil.which("npm"):
        raise Unavailable("npm not found: it installs the pinned vnu-jar (tools/vnu)")
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOL,
                   check=True)
    return JAR


def run(paths: list[Path]) -> list[dict]:
    """vnu's error messages for these files or folders (HTML files only)."""
    java = shutil.which("java")
    if not java:
        raise Unavailable("java not found: the Nu Html Checker needs Java 11 or newer")
    jar = ensure_vnu()
    # A small default thread stack overflows in vnu's schema code; 16 MB is what its docs suggest.
    result = subprocess.run([java, "-Xss16m", "-jar", str(jar), "--skip-non-html", "--errors-only", "--format", "json",
                             *map(str, paths)], capture_output=True, text=True, timeout=600)
    try:
        return json.loads(result.stderr or "{}").get("messages", [])
    except ValueError as error:
        raise RuntimeError(f"vnu gave no JSON (exit {result.returncode}): {result.stderr[:500]}") from error


def is_known(message: dict) -> bool:
    return any(text.search(message.get("message", "")) and where.search(message.get("extract", ""))
               for text, where in KNOWN)


def problems(paths: list[Path], base: Path) -> list[str]:
    found = []
    for message in run(paths):
        if message.get("type") == "error" and not is_known(message):
            url = message.get("url", "")
            path = Path(url.removeprefix("file:")) if url.startswith("file:") else Path(url)
            try:
                path = path.relative_to(base.resolve())
            except ValueError:
                pass
            found.append(f"{path}:{message.get('lastLine', '?')}: {message.get('message')} "
                         f"[{message.get('extract', '').strip()[:120]}]")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"{args.site}: no built site; run `make build` first")
        return 1
    try:
        found = problems([args.site], args.site)
    except Unavailable as error:
        print(error)
        return 1
    for line in found:
        print(line)
    print(f"Nu Html Checker: {len(found)} error(s) outside the known theme ones")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())

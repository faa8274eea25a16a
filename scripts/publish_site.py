"""Assemble the site to publish: the latest build at the root, every release archived under v/<version>/.

Usage (after `make downloads` with SITE_URL set; deploy.yml runs it as `make publish`):
  python scripts/publish_site.py --site site --out public [--branch gh-pages] [--push]

1. Every git tag v<version> not yet archived on the branch (default gh-pages) is built from the tag,
   in a temporary worktree, for its own address <SITE_URL>v/<version>/ (BOOK_LATEST_URL = SITE_URL),
   with its PDFs and offline zip, and handed to mike, which commits it to the branch under
   v/<version>/ and records it in v/versions.json. An archived release is never rebuilt.
2. The output folder gets the latest site at its root and the branch's v/ tree beside it.
3. Every page gets the version selector; archived pages get the banner to the latest
   (booktools/versions.py).
4. With --push, the branch goes to the remote, so the next run finds the archive there.

mike's own `mike deploy` cannot be used for step 1: it runs `mkdocs build` and joins the version to
site_url without the v/ prefix, and Material's mike selector looks for versions.json beside each
edition's base (it would miss the English edition in en/ and the latest at the root). See README.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booktools import versions  # noqa: E402

TAG_RE = re.compile(r"^v(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?)$")


def git(repo: Path, *args: str, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed in {repo}:\n{result.stderr.strip()}")
    return result.stdout


def release_tags(repo: Path) -> dict[str, str]:
    """{version: tag} for every tag v<major>.<minor>.<patch>."""
    found = {}
    for tag in git(repo, "tag", "--list", "v*").split():
        match = TAG_RE.match(tag)
        if match:
            found[match.group(1)] = tag
    return found


@contextlib.contextmanager
def chdir(path: Path):
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def archived_versions(repo: Path, branch: str) -> set[str]:
    from mike import commands

    with chdir(repo):
        return {str(info.version) for info in commands.list_versions(branch, versions.ARCHIVE_DIR)}


def build_release(repo: Path, tag: str, version: str, site_url: str, out: Path, downloads: bool) -> str:
    """Build the tag's sources for <site_url>v/<version>/ into out; returns the release date from its CITATION.cff."""
    import yaml

    with tempfile.TemporaryDirectory(prefix=f"release-{version}-") as tmp:
        source = Path(tmp) / "src"
        git(repo, "worktree", "add", "--detach", "--quiet", str(source), tag)
        try:
            cache = ROOT / ".cache"
            if cache.is_dir():  # citation results are keyed by the .bib, CSL and pandoc: a stale entry is never used
                shutil.copytree(cache, source / ".cache")
            env = dict(os.environ, SITE_URL=urljoin(site_url, versions.archive_path(version)),
                       **{versions.LATEST_ENV: site_url}, NO_MKDOCS_2_WARNING="1")
            env.pop("BOOK_OFFLINE", None)
            steps = [[sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]]
            if downloads and (source / "scripts" / "make_downloads.py").exists():
                steps.append([sys.executable, "scripts/make_downloads.py", "--site", str(out)])
            for command in steps:
                result = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True)
                if result.returncode != 0:
                    raise SystemExit(f"{tag}: `{' '.join(command[1:3])} …` failed. The release is built with this "
                                     f"checkout's .venv; if its pinned versions differ, build it with its own.\n"
                                     f"{(result.stdout + result.stderr)[-3000:]}")
            cff = yaml.safe_load((source / "CITATION.cff").read_text(encoding="utf-8"))
            return str(cff.get("date-released", ""))
        finally:
            git(repo, "worktree", "remove", "--force", str(source), check=False)


def archive(repo: Path, branch: str, site_url: str, downloads: bool) -> list[str]:
    """Build and commit every release tag that the branch does not hold yet; returns the versions added."""
    from mike import commands, jsonpath

    done = archived_versions(repo, branch)
    added = []
    for version, tag in sorted(release_tags(repo).items()):
        if version in done:
            continue
        with tempfile.TemporaryDirectory(prefix=f"archive-{version}-") as tmp:
            out = Path(tmp) / "site"
            date = build_release(repo, tag, version, site_url, out, downloads)
            commit = git(repo, "rev-list", "-n", "1", tag).strip()
            with chdir(repo), commands.deploy(
                    {"site_dir": str(out), "use_directory_urls": False}, version, title=version,
                    branch=branch, deploy_prefix=versions.ARCHIVE_DIR,
                    message=f"Archive {tag} ({commit[:7]}) at {versions.archive_path(version)}",
                    set_props=[(jsonpath.parse("date"), date), (jsonpath.parse("commit"), commit)]):
                pass  # built above; mike only commits the folder to the branch
        print(f"archived {tag} as {versions.archive_path(version)} on {branch}")
        added.append(version)
    return added


def assemble(repo: Path, branch: str, site: Path, out: Path) -> int:
    """The latest site at out/, the branch's v/ tree at out/v/, every page stamped; returns pages stamped."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site, out)
    if archived_versions(repo, branch):
        archive_tar = subprocess.run(["git", "archive", "--format=tar", branch, versions.ARCHIVE_DIR],
                                     cwd=repo, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(out)], input=archive_tar, check=True)
    return versions.stamp_site(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the latest build (make downloads)")
    parser.add_argument("--out", type=Path, default=ROOT / "public", help="the folder to publish")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the git repository with the tags and the branch")
    parser.add_argument("--branch", default="gh-pages", help="where mike keeps the archived releases")
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--push", action="store_true", help="push the branch after archiving")
    parser.add_argument("--no-downloads", action="store_true", help="archive without PDFs and offline zip (tests)")
    args = parser.parse_args(argv)
    site_url = os.environ.get("SITE_URL", "")
    if not site_url:
        raise SystemExit("SITE_URL is not set: archived releases are built for <SITE_URL>v/<version>/")
    site_url = site_url.rstrip("/") + "/"
    if not (args.site / "index.html").exists():
        raise SystemExit(f"{args.site}: no built site here -> run `make downloads` with SITE_URL set first")
    repo = args.repo.resolve()
    if args.push:  # start from the archive already published (absent on the first run)
        git(repo, "fetch", "--quiet", args.remote, f"{args.branch}:{args.branch}", check=False)
    added = archive(repo, args.branch, site_url, downloads=not args.no_downloads)
    stamped = assemble(repo, args.branch, args.site.resolve(), args.out.resolve())
    print(f"assembled {args.out}: latest at the root, {len(archived_versions(repo, args.branch))} archived "
          f"release(s) under {versions.ARCHIVE_DIR}/ ({len(added)} new), {stamped} pages stamped")
    if args.push and added:
        git(repo, "push", "--quiet", args.remote, args.branch)
        print(f"pushed {args.branch} to {args.remote}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

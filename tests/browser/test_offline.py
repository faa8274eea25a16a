"""The offline edition opened from disk (file://): pages load, search works, nothing is fetched."""
import os
import subprocess
import sys
import zipfile

import pytest

from browsing import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import make_downloads  # noqa: E402


@pytest.fixture(scope="module")
def offline_root(tmp_path_factory, chromium, built_site):
    """The offline zip that `make test` built (site/downloads), or one built here when run alone."""
    folder = tmp_path_factory.mktemp("offline")
    if built_site is not None:
        archive = built_site / "downloads" / make_downloads.ZIP_NAME
        assert archive.exists(), f"{archive}: missing -> run `make downloads` (or unset BOOK_BUILT_SITE)"
    else:
        site = folder / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=ROOT,
                       check=True, capture_output=True, env=env)
        archive = make_downloads.build_offline(site)
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder / "unzipped")
    return folder / "unzipped" / "turki-azerbaijan"


def test_offline_search_works_from_file_url(new_context, offline_root):
    page = new_context().new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((offline_root / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("kepentingan", delay=30)
    page.locator(".md-search-result__item a").first.wait_for(timeout=10000)
    page.goto((offline_root / "en" / "pendahuluan.html").as_uri())
    assert page.locator("h1").first.inner_text().startswith("Chapter 1")
    assert requests and all(url.startswith(("file://", "data:")) for url in requests), [u for u in requests if not u.startswith("file")]

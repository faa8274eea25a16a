"""The Indonesian search stemmer: bundled from the vendored file, switched on for the Indonesian edition only."""
import json
import sys
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from booktools import search_language
from fixtures import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import vendor_search_stemmer  # noqa: E402


def test_committed_bundle_is_the_vendored_stemmer_plus_the_plugin():
    assert vendor_search_stemmer.BUNDLE.read_text(encoding="utf-8") == vendor_search_stemmer.bundle_text(), \
        "run `python scripts/vendor_search_stemmer.py` to rebuild lunr.id.min.js"
    licence = vendor_search_stemmer.VENDOR_LICENSE.read_text(encoding="utf-8")
    assert "MIT License" in licence and vendor_search_stemmer.VERSION in licence


def fake_config(lang, custom_dir, pipeline=("trimmer",)):
    plugin = SimpleNamespace(config=SimpleNamespace(lang=["en"], pipeline=list(pipeline)))
    return SimpleNamespace(theme={"language": lang}, plugins={"material/search": plugin}), plugin


def test_indonesian_edition_searches_in_indonesian_with_the_stemmer():
    config, plugin = fake_config("id", str(ROOT / "overrides"))
    config.theme = SimpleNamespace(get=lambda k, d=None: "id", custom_dir=str(ROOT / "overrides"))
    lang_list, pipeline_list = plugin.config.lang, plugin.config.pipeline
    search_language.configure(config)
    search_language.configure(config)  # mkdocs serve calls it again on every rebuild
    assert plugin.config.lang == ["id"] and plugin.config.lang is lang_list  # the index holds these lists
    assert plugin.config.pipeline == ["trimmer", "stemmer"] and plugin.config.pipeline is pipeline_list


def test_english_edition_is_left_alone():
    config, plugin = fake_config("en", str(ROOT / "overrides"))
    config.theme = SimpleNamespace(get=lambda k, d=None: "en", custom_dir=str(ROOT / "overrides"))
    search_language.configure(config)
    assert plugin.config.lang == ["en"] and plugin.config.pipeline == ["trimmer"]


def test_missing_bundle_stops_the_build_with_the_fix(tmp_path):
    config, _ = fake_config("id", str(tmp_path))
    config.theme = SimpleNamespace(get=lambda k, d=None: "id", custom_dir=str(tmp_path))
    with pytest.raises(PluginError, match="vendor_search_stemmer.py"):
        search_language.configure(config)


def test_built_search_indexes_name_their_language(good_site):
    built_site = good_site
    assert json.loads((built_site / "search" / "search_index.json").read_text())["config"]["lang"] == ["id"]
    english = json.loads((built_site / "en" / "search" / "search_index.json").read_text())["config"]
    assert english["lang"] == ["en"] and "stemmer" not in english["pipeline"]
    assert (built_site / search_language.LUNR_DIR / "lunr.id.min.js").exists()

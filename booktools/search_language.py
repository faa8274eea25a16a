"""Indonesian-aware search: tell Material's search worker to use lunr.id in the Indonesian edition.

Material's search plugin accepts only the languages MkDocs ships lunr support for, and Indonesian is not
one of them (`lang: id` in mkdocs.yml would fall back to English with a log line). So the edition keeps
`lang: en` in its config file, and this sets the plugin's language after validation. The search index
then names "id", and the worker loads assets/javascripts/lunr/min/lunr.id.min.js (overrides/, bundled
by scripts/vendor_search_stemmer.py), which stems both the index and the query.
"""
from __future__ import annotations

from pathlib import Path

LUNR_DIR = "assets/javascripts/lunr/min"
STEMMED_LANGUAGES = {"id"}


def configure(config) -> None:
    """For an edition whose language has a bundled stemmer: search in that language, with the stemmer on."""
    lang = config.theme.get("language", "en")
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if lang not in STEMMED_LANGUAGES or plugin is None:
        return
    from mkdocs.exceptions import PluginError

    custom = config.theme.custom_dir
    bundle = Path(custom or "overrides") / LUNR_DIR / f"lunr.{lang}.min.js"
    if not custom or not bundle.exists():
        raise PluginError(f"{bundle}: the {lang} search stemmer is missing; run "
                           "`python scripts/vendor_search_stemmer.py` to bundle it")
    # In place: the plugin's search index keeps references to these lists from its own on_config.
    plugin.config.lang[:] = [lang]
    if "stemmer" not in plugin.config.pipeline:
        # Material removes every pipeline function the config does not name, the stemmer included.
        plugin.config.pipeline.append("stemmer")

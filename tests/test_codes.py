"""The vocabularies file data/codes.yml: the real one, and a planted fault for every rule."""
import re

import yaml

from booktools import codes as vocab
from fixtures import ROOT, write

CODES = (ROOT / "data" / "codes.yml").read_text(encoding="utf-8")

# The editor's coding scheme (CODES-DRAFT): these ids are fixed.
DRAFT_IDS = {
    "phase": ["akar-soviet", "perang-1988-1994", "kebuntuan-1994-2016", "april-2016", "tovuz-2020", "perang-2020",
              "pascaperang-2020-2022", "lachin-2022-2023", "operasi-2023", "perdamaian-2024-2025"],
    "cooperation_form": ["perjanjian", "lembaga", "latihan", "perdagangan-senjata", "pelatihan-bantuan"],
    "basic_interest": ["pertahanan-tanah-air", "kesejahteraan-ekonomi", "tatanan-dunia", "promosi-nilai"],
    "instrument": ["retorika", "militer-teknis", "diplomasi-multilateral", "pusat-pemantauan", "normalisasi",
                   "rekonstruksi-konektivitas"],
    "policy_change": ["kesinambungan", "penyesuaian", "program", "tujuan", "orientasi"],
}


def load(tmp_path, text):
    vocab._loaded.clear()
    return vocab.load(write(tmp_path / "codes.yml", text))


def messages(tmp_path, text):
    return "\n".join(str(p) for p in load(tmp_path, text)[1])


def test_real_vocabularies_are_clean_and_keep_the_draft_ids():
    codes, problems = vocab.load(ROOT / "data" / "codes.yml")
    assert problems == []
    for name, ids in DRAFT_IDS.items():
        assert list(codes[name].values) == ids
    assert set(codes["intensity"].values) == {"survival", "vital", "major", "peripheral"}
    phases = codes["phase"].values
    assert str(phases["tovuz-2020"].start) == "2020-07-12" and str(phases["perdamaian-2024-2025"].end) == "2025-12-31"


def test_real_anchors_exist_in_both_editions():
    codes, _ = vocab.load(ROOT / "data" / "codes.yml")
    for lang in ("id", "en"):
        assert vocab.check_anchors(codes, ROOT / "docs" / lang) == []


def test_switch_is_on_once_every_event_is_coded():
    """Coding is optional until data/timeline.yml is coded; then required: true must be set (see codes.py)."""
    events = yaml.safe_load((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8"))
    codes, _ = vocab.load(ROOT / "data" / "codes.yml")
    if all(e.get("phase") for e in events):
        assert codes.required, "every event has a phase: set 'required: true' in data/codes.yml"


def test_missing_label_or_definition_in_a_language(tmp_path):
    text = CODES.replace('      label: {id: "Dewan dan forum rutin", en: "Councils and regular forums"}',
                         '      label: {id: "Dewan dan forum rutin"}')
    text = text.replace('        en: "Same goal, but a new, different or discontinued instrument."\n', "")
    found = messages(tmp_path, text)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "- id: lembaga" in l)
    assert f"codes.yml:{line}: cooperation_form value 'lembaga' has no label in 'en'" in found
    assert re.search(r"codes\.yml:\d+: policy_change value 'program' has no definition in 'en'", found)


def test_overlapping_and_gapped_phases(tmp_path):
    overlap = CODES.replace('start: "2020-09-27"', 'start: "2020-09-20"')
    line = next(i for i, l in enumerate(overlap.splitlines(), 1) if "- id: perang-2020" in l)
    assert (f"codes.yml:{line}: phase 'perang-2020' starts on 2020-09-20, before 'tovuz-2020' ends on 2020-09-26"
            in messages(tmp_path, overlap))
    gap = CODES.replace('start: "2020-09-27"', 'start: "2020-10-01"')
    assert (f"codes.yml:{line}: phases 'tovuz-2020' and 'perang-2020' leave a gap from 2020-09-27 to 2020-09-30"
            in messages(tmp_path, gap))
    backwards = CODES.replace('end: "2020-11-10"', 'end: "2020-09-01"')
    assert "phase value 'perang-2020' ends (2020-09-01) before it starts (2020-09-27)" in messages(tmp_path, backwards)
    assert "start '2020-09-31' is not a date" in messages(tmp_path, CODES.replace('start: "2020-09-27"', 'start: "2020-09-31"'))


def test_structural_faults(tmp_path):
    found = messages(tmp_path, re.sub(r"^required: \w+$", "required: maybe", CODES, flags=re.M)
                     .replace("    - id: lembaga\n", "    - id: Lembaga\n")
                     .replace("    - id: tujuan\n", "    - id: program\n")
                     .replace('    - {id: law, label: {id: "Hukum dan perjanjian", en: "Law and treaties"}}',
                              '    - {id: law, label: {id: "Hukum", en: "Law"}, colour: red}')
                     + "\nmood:\n  label: {id: a, en: b}\n  values: []\n")
    assert "codes.yml:1: 'required' must be true or false, not 'maybe'" in found
    assert "cooperation_form value 'Lembaga': id must be lowercase letters, digits and single hyphens" in found
    assert re.search(r"codes\.yml:\d+: policy_change value 'program' is defined twice \(first at line \d+\)", found)
    assert "theme value 'law' has an unknown key 'colour'" in found
    assert "codes.yml:1: unknown vocabulary 'mood'" in found
    anchor = messages(tmp_path, CODES.replace("anchor: kebijakan-luar-negeri.md#instrumen-normalisasi", "anchor: normalisasi"))
    assert "instrument value 'normalisasi': anchor 'normalisasi' is not 'page.md#section-id'" in anchor
    missing = messages(tmp_path, CODES.split("\nintensity:")[0])
    assert "codes.yml:1: vocabulary 'intensity' is missing" in missing
    assert "no values" in messages(tmp_path, CODES.replace("theme:\n  label: {id: \"Tema\", en: \"Theme\"}\n  values:",
                                                           "theme:\n  label: {id: \"Tema\", en: \"Theme\"}\n  items:"))


def test_malformed_yaml_and_wrong_shape(tmp_path):
    assert "codes.yml:4: malformed YAML" in messages(tmp_path, "required: false\nphase:\n  label: [oops\n")
    assert "the file must be a mapping of vocabularies" in messages(tmp_path, "- a\n- b\n")


def test_anchor_to_a_missing_page_or_section(tmp_path):
    codes, _ = load(tmp_path, CODES.replace("evolusi-konflik.md#temuan", "evolusi-konflik.md#hilang", 1))
    docs = tmp_path / "docs"
    write(docs / "evolusi-konflik.md", "# Bab 5\n\n## Temuan {#temuan}\n")
    found = "\n".join(str(p) for p in vocab.check_anchors(codes, docs))
    line = next(i for i, l in enumerate(CODES.splitlines(), 1) if "- id: akar-soviet" in l)
    assert f"codes.yml:{line}: phase value 'akar-soviet': 'evolusi-konflik.md' has no section '#hilang'" in found
    assert "anchor page 'kerangka-konseptual.md' does not exist" in found
    assert "phase value 'perang-1988-1994'" not in found  # the good anchors of the same page pass

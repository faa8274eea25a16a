"""Fixture data for the coded timeline tests: events with codes, an interest table, pages with the anchors."""
from __future__ import annotations

import re

from fixtures import ROOT, good_pages

CODES = (ROOT / "data" / "codes.yml").read_text(encoding="utf-8")


def switched(required: bool, codes: str = CODES) -> str:
    """The vocabularies with the 'required' switch set, whatever the real file says."""
    return re.sub(r"^required: \w+$", f"required: {'true' if required else 'false'}", codes, count=1, flags=re.M)

CODED = """
- id: e1921-10-kars
  date: "1921-10-13"
  precision: day
  themes: [law, turkey]
  phase: akar-soviet
  title: {id: "Traktat Kars", en: "Treaty of Kars"}
  summary: {id: "Ringkasan satu.", en: "Summary one."}
  sources: [dewaal2003black]
- id: e1994-05-bishkek
  date: "1994-05"
  precision: month
  themes: [diplomacy]
  phase: perang-1988-1994
  title: {id: "Protokol Bishkek", en: "Bishkek Protocol"}
  summary: {id: "Ringkasan dua.", en: "Summary two."}
  sources: [cornell2017turkey, many2020authors]
- id: e2020-09-support
  date: "2020-09-27"
  precision: day
  themes: [turkey, diplomacy]
  phase: perang-2020
  basic_interest: [tatanan-dunia]
  instrument: [retorika]
  policy_change: penyesuaian
  title: {id: "Dukungan penuh", en: "Full support"}
  summary: {id: "Ringkasan tiga.", en: "Summary three."}
  sources: [cornell2017turkey]
- id: e2020-11-mandate
  date: "2020-11-17"
  precision: day
  themes: [turkey, military]
  phase: pascaperang-2020-2022
  cooperation_form: [pelatihan-bantuan]
  instrument: [pusat-pemantauan, militer-teknis]
  policy_change: program
  title: {id: "Mandat parlemen", en: "Parliament's mandate"}
  summary: {id: "Ringkasan empat.", en: "Summary four."}
  sources: [many2020authors]
- id: e2020-12-exercise
  date: "2020-12"
  precision: month
  themes: [military]
  phase: pascaperang-2020-2022
  cooperation_form: [latihan]
  instrument: [militer-teknis]
  policy_change: kesinambungan
  title: {id: "Latihan", en: "Exercise"}
  summary: {id: "Ringkasan lima.", en: "Summary five."}
  sources: [dewaal2003black]
"""

INTENSITY = """caption:
  id: "Intensitas kepentingan menurut fase"
  en: "Intensity of interests by phase"
page: kepentingan-turki.md
columns:
  - id: sebelum-2020
    label: {id: "Sebelum 2020", en: "Before 2020"}
    phases: [akar-soviet, perang-1988-1994, kebuntuan-1994-2016, april-2016]
  - id: sejak-2020
    label: {id: "Sejak 2020", en: "Since 2020"}
    phases: [tovuz-2020, perang-2020, pascaperang-2020-2022]
rows:
  - id: nakhchivan
    label: {id: "Status Nakhchivan", en: "Nakhchivan's status"}
    basic_interest: pertahanan-tanah-air
    cells:
      sebelum-2020:
        intensity: major
        section: nakhchivan
        events: [e1921-10-kars]
        sources: [dewaal2003black]
      sejak-2020:
        intensity: vital
        section: nakhchivan
        events: [e2020-09-support, e2020-11-mandate]
        sources: [cornell2017turkey, many2020authors]
  - id: energi
    label: {id: "Energi", en: "Energy"}
    basic_interest: kesejahteraan-ekonomi
    cells:
      sebelum-2020:
        intensity: vital
        section: energi
        events: [e1994-05-bishkek]
        sources: [cornell2017turkey]
      sejak-2020:
        intensity: vital
        section: energi
        events: [e2020-11-mandate]
        sources: [dewaal2003black]
"""

# The chapter sections the codes and the tables link to, in both editions.
CONCEPTS = "# Bab 2\n\n" + "".join(f"## {name} {{#{name}}}\n\nTeks.\n\n" for name in (
    "tipologi-nuechterlein", "aturan-intensitas", "aturan-perubahan", "kerja-sama-bilateral"))
PHASES = "# Bab 5\n\n## Temuan {#temuan}\n\nTeks.\n"
INSTRUMENTS = ("# Bab 6\n\n## Instrumen {#instrumen}\n\n"
               + "".join(f"### {name} {{#instrumen-{name}}}\n\nTeks.\n\n" for name in (
                   "retorika", "militer-teknis", "diplomasi-multilateral", "pusat-pemantauan", "normalisasi",
                   "rekonstruksi-konektivitas"))
               + "## Tabel {#tabel}\n\n<!-- booktools:table phase-instruments 6.1 -->\n")
INTERESTS = ("# Bab 4\n\n## Nakhchivan {#nakhchivan}\n\nTeks.\n\n## Energi {#energi}\n\nTeks.\n\n"
             "## Tabel {#tabel}\n\n<!-- booktools:table interest-intensity 4.3 -->\n")
TIMELINE_PAGE = "# Kronologi\n\n## Peristiwa {#peristiwa}\n\n<!-- booktools:timeline -->\n"


def coded_pages(**changes) -> dict[str, str]:
    pages = {}
    for lang in ("id", "en"):
        pages.update({f"{lang}/kerangka-konseptual.md": CONCEPTS, f"{lang}/evolusi-konflik.md": PHASES,
                      f"{lang}/kebijakan-luar-negeri.md": INSTRUMENTS, f"{lang}/kepentingan-turki.md": INTERESTS,
                      f"{lang}/kronologi.md": TIMELINE_PAGE})
    pages.update(changes)
    return good_pages(**pages)


def coded_files(timeline: str = CODED, codes: str = CODES, intensity: str = INTENSITY) -> dict[str, str]:
    return {"data/timeline.yml": timeline, "data/codes.yml": codes, "data/interest-intensity.yml": intensity}

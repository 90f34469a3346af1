"""Derives the app's document font, "Sarabun ITA" (ita_tracker/fonts/), from Sarabun (SIL OFL 1.1, no
Reserved Font Name; https://github.com/cadsondemak/Sarabun, as packaged in @expo-google-fonts/sarabun).

Why: wkhtmltopdf (Qt 4) writes a PDF's ToUnicode map from the font's cmap alone. Sarabun's `ccmp` feature
replaces a tone mark over an upper vowel (ที่, ถิ่น, ตั้ง) and the nikhahit of SARA AM (น้ำ) with glyphs that
no code point maps to, so those marks vanish from copied or searched text. Without `ccmp` the marks stay
the cmap's own glyphs and Sarabun's GPOS mark-to-mark anchors stack them as before; the only visible change
is that YO YING and THO THAN keep their descender above a lower vowel (rare in these documents).

Usage: python scripts/derive_sarabun.py Sarabun-Regular.ttf Sarabun-Bold.ttf  (needs fontTools)
"""

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

FAMILY = "Sarabun ITA"
OUT = Path(__file__).resolve().parent.parent / "ita_tracker" / "fonts"


def derive(source: Path) -> Path:
	font = TTFont(source)
	for record in font["GSUB"].table.FeatureList.FeatureRecord:
		if record.FeatureTag == "ccmp":
			record.Feature.LookupListIndex = []
			record.Feature.LookupCount = 0
	style = font["name"].getDebugName(2)  # Regular, Bold, ...
	for record in font["name"].names:
		if record.nameID in (1, 3, 4, 6, 16):
			text = record.toUnicode()
			record.string = (
				text.replace("Sarabun-", "SarabunITA-")
				if record.nameID == 6
				else text.replace("Sarabun", FAMILY)
			)
	target = OUT / f"SarabunITA-{style.replace(' ', '')}.ttf"
	font.save(target)
	return target


if __name__ == "__main__":
	for path in sys.argv[1:]:
		print(derive(Path(path)))

"""The documents' font on the server. wkhtmltopdf embeds a font found through fontconfig as text (copy and
search work), while it draws an @font-face web font as shapes; so the app ships its font (ita_tracker/fonts:
"Sarabun ITA", derived from Sarabun under the SIL OFL, see scripts/derive_sarabun.py) and installs it into
the fonts folder of the user running the bench, on install and on every migrate. The print CSS falls back
to Laksaman (Debian's fonts-thai-tlwg) where it is absent."""

import filecmp
import os
import shutil
import subprocess
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "fonts"
FAMILY = "Sarabun ITA"


def fonts_folder() -> Path:
	"""fontconfig's per-user folder: $XDG_DATA_HOME/fonts, by default ~/.local/share/fonts."""
	data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
	return Path(data_home) / "fonts" / "ita_tracker"


def install_fonts() -> bool:
	"""Copies the shipped fonts and their licence where fontconfig finds them and refreshes its cache;
	True when something changed. Safe to run again; a server without fc-cache only gets the files."""
	target = fonts_folder()
	target.mkdir(parents=True, exist_ok=True)
	changed = False
	for source in sorted(SOURCE.iterdir()):
		if source.suffix not in (".ttf", ".txt"):
			continue
		copy = target / source.name
		if not copy.exists() or not filecmp.cmp(source, copy, shallow=False):
			shutil.copyfile(source, copy)
			changed = True
	if changed and shutil.which("fc-cache"):
		subprocess.run(["fc-cache", str(target)], check=False, capture_output=True)
	return changed


def font_installed() -> bool:
	"""Whether fontconfig resolves the family to our font (fc-match falls back to another font otherwise)."""
	if not shutil.which("fc-match"):
		return False
	found = subprocess.run(
		["fc-match", "--format=%{family}", FAMILY], check=False, capture_output=True, text=True
	).stdout
	return FAMILY in found

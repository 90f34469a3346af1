import subprocess
import sys
from pathlib import Path

RULES = Path(__file__).parents[1]


def test_rules_never_import_frappe():
	modules = [f"ita_tracker.rules.{path.stem}" for path in RULES.glob("*.py") if path.stem != "__init__"]
	script = f"import sys\nfor m in {modules!r}: __import__(m)\nprint(sorted(n for n in sys.modules if n.split('.')[0] == 'frappe'))"
	imported = subprocess.run(
		[sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=RULES.parents[1]
	)
	assert imported.stdout.strip() == "[]"

"""Regenerate scenarios/siloed.yaml from the schema defaults (the calibrated baseline).

Run after changing a default or adding a parameter: ``.venv/bin/python
tools/write_siloed.py``. A test checks that the file is what this writes (every field,
every default, every comment).
"""

from pathlib import Path

from ecosim.scenario_docs import siloed_yaml

if __name__ == "__main__":
    path = Path(__file__).resolve().parents[1] / "scenarios" / "siloed.yaml"
    path.write_text(siloed_yaml())
    print(f"wrote {path}")

"""Write the bad-input catalogue table into docs/reliability.md (between its markers).

Runs every case of tests/bad_inputs.py through the CLI in a temporary folder and records
the exit code and the message. Run: .venv/bin/python tools/write_reliability.py
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.bad_inputs import CASES, run_case  # noqa: E402

DOC = ROOT / "docs" / "reliability.md"
START, END = "<!-- catalogue:start -->", "<!-- catalogue:end -->"


def table() -> str:
    """The catalogue as a Markdown table: input, exit code, first line of the message."""
    rows = [
        "| bad input | exit | message (first error line; `<dir>`: the input's folder) |",
        "|---|---|---|",
    ]
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp).resolve()
            code, _, err, _ = run_case(case, folder)
            lines = err.strip().splitlines()
            errors = [line for line in lines if "error" in line]
            first = (errors or lines or [""])[0]
            first = first.replace(str(folder), "<dir>")
            if len(first) > 220:
                first = first[:217] + "..."
            first = first.replace("|", "\\|")
        rows.append(f"| {case.what} | {code} | `{first}` |")
    return "\n".join(rows)


def main() -> None:
    """Replace the table between the markers."""
    text = DOC.read_text()
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{table()}\n{END}{tail}")
    print(f"{DOC.relative_to(ROOT)}: {len(CASES)} cases written")


if __name__ == "__main__":
    main()

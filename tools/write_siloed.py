"""Regenerate scenarios/siloed.yaml from the schema defaults (the calibrated baseline).

Run after changing a default: ``.venv/bin/python tools/write_siloed.py``. A test checks
that the file and the defaults agree.
"""

from pathlib import Path

from ecosim.scenario import Scenario
from ecosim.scenario_docs import commented_yaml

HEADER = """\
# Siloed baseline: the calibrated reference ecosystem.
#
# Each organisation tackles one piece at a time: no common agenda, no shared data
# platform, partners chosen with little regard to comparative advantage, no continuous
# communication and no backbone organisation (all five collective-impact conditions at
# 0). Exclusive IP, cost-effectiveness-threshold reimbursement with a reimbursed
# companion test.
#
# With these values the mean of 20 or more replicates reproduces the published figures
# C1-C10 (docs/calibration.md). Every value below equals the schema default; the file
# spells them out so that a copy shows everything there is to change. Each comment gives
# the meaning, the unit in brackets and, where one exists, the source.
"""

if __name__ == "__main__":
    scenario = Scenario(
        name="siloed",
        description="Siloed baseline: all five collective-impact conditions off (calibrated).",
    )
    path = Path(__file__).resolve().parents[1] / "scenarios" / "siloed.yaml"
    path.write_text(commented_yaml(scenario, HEADER))
    print(f"wrote {path}")

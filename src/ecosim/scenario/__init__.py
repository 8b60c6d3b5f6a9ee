"""The typed scenario schema and YAML loading.

A scenario is one YAML file validated by :class:`Scenario`. Every parameter has a type,
a range, a unit, a description and a source or a stated assumption
(:mod:`ecosim.parameters`); ``ecosim schema`` exports the JSON Schema so that editors
can complete and check files.

- :mod:`~ecosim.scenario.schema`: the root, assembled from the sections of
  :mod:`~ecosim.scenario.world`, :mod:`~ecosim.scenario.development`,
  :mod:`~ecosim.scenario.organisations`, :mod:`~ecosim.scenario.partnering`,
  :mod:`~ecosim.scenario.market`, the rule families (:mod:`ecosim.rules`) and the
  collective-impact conditions (:mod:`ecosim.conditions`);
- :mod:`~ecosim.scenario.loading`: ``extends``, merging, validation;
- :mod:`~ecosim.scenario.yaml_safety`: safe, bounded YAML;
- :mod:`~ecosim.scenario.aliases`: renamed fields and shorthand values;
- :mod:`~ecosim.scenario.paths`: dotted paths;
- :mod:`~ecosim.scenario.errors`: messages that name the file and the field.
"""

from ecosim.conditions import CollectiveImpact
from ecosim.rules.ip import IPParams as IP  # noqa: N814 (the section's public name)
from ecosim.rules.ip import IPRegime
from ecosim.rules.reimbursement import ReimbursementParams as Reimbursement
from ecosim.rules.reimbursement import ReimbursementRule
from ecosim.rules.trust import TrustParams as Trust
from ecosim.scenario.errors import ScenarioError
from ecosim.scenario.loading import load_scenario, scenario_from_dict
from ecosim.scenario.schema import Scenario
from ecosim.scenario.yaml_safety import safe_yaml
from ecosim.sectors import Sector

__all__ = [
    "IP",
    "CollectiveImpact",
    "IPRegime",
    "Reimbursement",
    "ReimbursementRule",
    "Scenario",
    "ScenarioError",
    "Sector",
    "Trust",
    "load_scenario",
    "safe_yaml",
    "scenario_from_dict",
]

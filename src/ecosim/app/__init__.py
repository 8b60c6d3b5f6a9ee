"""The classroom web app: two worlds on one seed, side by side, with teaching levers.

``levers`` maps controls to scenario fields, ``lockstep`` runs the siloed and the chosen
world together, ``views`` draws them, ``page`` is the Solara page and ``server`` starts
it (``ecosim app``). Only ``page`` and ``server`` need Solara.
"""

from ecosim.app.levers import LEVERS, Lever
from ecosim.app.lockstep import Lockstep

__all__ = ["LEVERS", "Lever", "Lockstep"]

"""Calibration with uncertainty: ``ecosim calibrate`` (ABC-SMC with pyabc).

:mod:`~ecosim.calibration.spec` reads calibration files; :mod:`~ecosim.calibration.smc`
runs pyabc's ABCSMC with the sampler of :mod:`~ecosim.calibration.sampler`, which sends
every simulation through the sweep engine and keeps it for ``--resume``;
:mod:`~ecosim.calibration.results` and :mod:`~ecosim.calibration.report` turn the
posterior into tables, a posterior-median scenario and plots;
:mod:`~ecosim.calibration.posterior` draws from it for comparisons. pyabc is an optional
extra (``pip install 'ecosim[calibrate]'``), imported only when calibrating.
"""

__all__: list[str] = []

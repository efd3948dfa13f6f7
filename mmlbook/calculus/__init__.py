"""Multivariate Calculus: sandpits, descent, backpropagation and fitting.

- ``mmlbook.calculus.sandpit`` -- pits, their Jacobian and Hessian, finite differences;
- ``mmlbook.calculus.game`` -- the sandpit game (rules and ipywidgets front end);
- ``mmlbook.calculus.descent`` -- steepest descent, Newton–Raphson and the hybrid step;
- ``mmlbook.calculus.network`` -- a sigmoid network and backpropagation;
- ``mmlbook.calculus.fitting`` -- fitting a Gaussian to a histogram by minimising χ².
"""

from mmlbook.calculus.descent import (
    METHODS,
    descend,
    hybrid_step,
    newton_step,
    steepest_descent_step,
)
from mmlbook.calculus.fitting import (
    FIT_METHODS,
    ConvergenceWarning,
    FitResult,
    chi_squared,
    chi_squared_gradient,
    fit_gaussian,
    gaussian,
    gaussian_dmu,
    gaussian_dsigma,
    steepest_step,
)
from mmlbook.calculus.game import Probe, SandpitGame, sandpit_game
from mmlbook.calculus.network import (
    TrainingResult,
    cost,
    forward,
    gradients,
    init_network,
    sigmoid,
    train,
)
from mmlbook.calculus.sandpit import (
    SANDPIT_SIZE,
    Pit,
    StationaryPoint,
    classify_stationary_point,
    find_stationary_points,
    grid_probes,
    intro_pit,
    numeric_gradient,
    numeric_hessian,
    random_pit,
    random_probes,
)

__all__ = [
    "FIT_METHODS",
    "METHODS",
    "SANDPIT_SIZE",
    "ConvergenceWarning",
    "FitResult",
    "Pit",
    "Probe",
    "SandpitGame",
    "StationaryPoint",
    "TrainingResult",
    "chi_squared",
    "chi_squared_gradient",
    "classify_stationary_point",
    "cost",
    "descend",
    "find_stationary_points",
    "fit_gaussian",
    "forward",
    "gaussian",
    "gaussian_dmu",
    "gaussian_dsigma",
    "gradients",
    "grid_probes",
    "hybrid_step",
    "init_network",
    "intro_pit",
    "newton_step",
    "numeric_gradient",
    "numeric_hessian",
    "random_pit",
    "random_probes",
    "sandpit_game",
    "sigmoid",
    "steepest_descent_step",
    "steepest_step",
    "train",
]

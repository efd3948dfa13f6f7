"""Multivariate Calculus: derivatives, sandpits, descent, backpropagation and fitting.

- ``mmlbook.calculus.derivatives`` -- difference quotients of a function of one variable;
- ``mmlbook.calculus.sandpit`` -- pits, their Jacobian and Hessian, finite differences;
- ``mmlbook.calculus.game`` -- the sandpit game (rules and ipywidgets front end);
- ``mmlbook.calculus.descent`` -- steepest descent, Newton–Raphson and the hybrid step;
- ``mmlbook.calculus.network`` -- a sigmoid network and backpropagation;
- ``mmlbook.calculus.fitting`` -- fitting a Gaussian to a histogram by minimising χ²;
- ``mmlbook.calculus.regression`` -- the least-squares line, weighted by uncertainties;
- ``mmlbook.calculus.gauss_newton`` -- Gauss–Newton and Levenberg–Marquardt for any model;
- ``mmlbook.calculus.roots`` -- Newton–Raphson root finding in one variable and in n;
- ``mmlbook.calculus.lagrange`` -- constrained optimisation by Lagrange multipliers;
- ``mmlbook.calculus.taylor`` -- Taylor polynomials, their error bound, linear, quadratic models.
"""

from mmlbook.calculus.derivatives import SCHEMES, best_step, derivative, difference_errors
from mmlbook.calculus.descent import (
    METHODS,
    STOP_REASONS,
    DescentResult,
    descend,
    gradient_flow,
    hybrid_step,
    local_minima,
    momentum_descent,
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
from mmlbook.calculus.game import (
    Probe,
    SandpitGame,
    downhill_arrow,
    follow_the_arrows,
    sandpit_game,
)
from mmlbook.calculus.gauss_newton import (
    LEAST_SQUARES_METHODS,
    LeastSquaresResult,
    least_squares,
)
from mmlbook.calculus.lagrange import CONSTRAINED_KINDS, LagrangeResult, solve_lagrange
from mmlbook.calculus.network import (
    TrainingResult,
    chain_jacobians,
    cost,
    forward,
    gradients,
    init_network,
    layer_jacobians,
    sigmoid,
    train,
)
from mmlbook.calculus.regression import LineFit, fit_line, line_residuals
from mmlbook.calculus.roots import RootResult, newton_raphson
from mmlbook.calculus.sandpit import (
    SANDPIT_SIZE,
    Pit,
    StationaryPoint,
    classify_stationary_point,
    deepest_point,
    find_stationary_points,
    grid_probes,
    intro_pit,
    numeric_gradient,
    numeric_hessian,
    numeric_jacobian,
    random_pit,
    random_probes,
)
from mmlbook.calculus.taylor import (
    MAX_ORDER,
    TAYLOR_EXAMPLES,
    derivative_bound,
    derivatives_at,
    linear_model,
    quadratic_model,
    radius_of_convergence,
    taylor_error_bound,
    taylor_polynomial,
)

__all__ = [
    "CONSTRAINED_KINDS",
    "FIT_METHODS",
    "LEAST_SQUARES_METHODS",
    "MAX_ORDER",
    "METHODS",
    "SANDPIT_SIZE",
    "SCHEMES",
    "STOP_REASONS",
    "TAYLOR_EXAMPLES",
    "ConvergenceWarning",
    "DescentResult",
    "FitResult",
    "LagrangeResult",
    "LeastSquaresResult",
    "LineFit",
    "Pit",
    "Probe",
    "RootResult",
    "SandpitGame",
    "StationaryPoint",
    "TrainingResult",
    "best_step",
    "chain_jacobians",
    "chi_squared",
    "chi_squared_gradient",
    "classify_stationary_point",
    "cost",
    "deepest_point",
    "derivative",
    "derivative_bound",
    "derivatives_at",
    "descend",
    "difference_errors",
    "downhill_arrow",
    "find_stationary_points",
    "fit_gaussian",
    "fit_line",
    "follow_the_arrows",
    "forward",
    "gaussian",
    "gaussian_dmu",
    "gaussian_dsigma",
    "gradient_flow",
    "gradients",
    "grid_probes",
    "hybrid_step",
    "init_network",
    "intro_pit",
    "layer_jacobians",
    "least_squares",
    "line_residuals",
    "linear_model",
    "local_minima",
    "momentum_descent",
    "newton_raphson",
    "newton_step",
    "numeric_gradient",
    "numeric_hessian",
    "numeric_jacobian",
    "quadratic_model",
    "radius_of_convergence",
    "random_pit",
    "random_probes",
    "sandpit_game",
    "sigmoid",
    "solve_lagrange",
    "steepest_descent_step",
    "steepest_step",
    "taylor_error_bound",
    "taylor_polynomial",
    "train",
]

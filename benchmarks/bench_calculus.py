"""Benchmarks of mmlbook.calculus: least-squares fits and training the heart network.

Every least-squares case checks, before it is timed, that both sides reach the same
optimum to 1e-6; ``tests/test_benchmarks.py`` runs those checks (untimed) in the tests.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy import optimize
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor

from harness import Case
from mmlbook.calculus import fit_gaussian, fit_line, init_network, least_squares, train
from mmlbook.datasets import heart_curve, heights_histogram, spring_measurements

TRAIN_STEPS = 2000
#: Both sides stop at the same relative tolerance. With scipy's defaults (1e-8) its fit
#: of the heights from (175, 3) stops 2e-6 away from the optimum, which would hide a real
#: disagreement at the 1e-6 the check asks for.
TOL = 1e-10


def _gaussian_model(x: np.ndarray, y: np.ndarray):
    """The residuals y − g(x; μ, σ) and their Jacobian, as a scipy user would write them."""

    def density(mu: float, sigma: float) -> np.ndarray:
        return np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))

    def residual(p: np.ndarray) -> np.ndarray:
        return y - density(*p)

    def jacobian(p: np.ndarray) -> np.ndarray:
        mu, sigma = p
        g, u = density(mu, sigma), x - mu
        return -np.column_stack([g * u / sigma**2, g * (u**2 / sigma**3 - 1 / sigma)])

    return residual, jacobian


def _scipy_lm(residual, jacobian, start) -> np.ndarray:
    return optimize.least_squares(
        residual, start, jac=jacobian, method="lm", xtol=TOL, ftol=TOL, gtol=TOL
    ).x


def _same_optimum(a: np.ndarray, b: np.ndarray) -> str:
    gap = float(np.abs(a - b).max())
    assert gap <= 1e-6, f"optima differ by {gap:.1e}"
    return f"max |Δθ| {gap:.1e}"


def _gaussian_case(name: str, x: np.ndarray, y: np.ndarray, start, repeats: int) -> Case:
    residual, jacobian = _gaussian_model(x, y)

    def ours():
        fit = fit_gaussian(x, y, *start, xtol=TOL)
        return np.array([fit.mu, fit.sigma])

    return Case(
        name=name,
        baseline="scipy least_squares lm",
        ours=ours,
        theirs=lambda: _scipy_lm(residual, jacobian, start),
        goal=1.0,
        check=_same_optimum,
        repeats=repeats,
    )


def _fit_cases() -> list[Case]:
    x, y = heights_histogram()
    cases = [
        _gaussian_case(f"fit_gaussian heights from {start}", x, y, start, repeats=50)
        for start in ((155.0, 6.0), (160.0, 15.0))
    ]
    # The general routine itself on the heights, with the very residual and Jacobian scipy
    # is given: what is compared is the iteration, not how the model is evaluated.
    heights_residual, heights_jacobian = _gaussian_model(x, y)
    cases.append(
        Case(
            name="least_squares heights from (155.0, 6.0)",
            baseline="scipy least_squares lm",
            ours=lambda: least_squares(heights_residual, heights_jacobian, [155.0, 6.0],
                                       xtol=TOL).x,
            theirs=lambda: _scipy_lm(heights_residual, heights_jacobian, [155.0, 6.0]),
            goal=1.0,
            check=_same_optimum,
            repeats=50,
        )
    )
    # 10,000 noisy samples of a normal density: a fit where the arithmetic, not the
    # bookkeeping, costs the time.
    rng = np.random.default_rng(0)
    grid = np.linspace(120.0, 230.0, 10_000)
    density = np.exp(-((grid - 172.0) ** 2) / (2 * 9.0**2)) / (9.0 * np.sqrt(2 * np.pi))
    noisy = density + rng.normal(scale=0.002, size=grid.size)
    cases.append(
        _gaussian_case("fit_gaussian 10,000 points from (160, 15)", grid, noisy, (160.0, 15.0), 20)
    )
    # The general routine with the very same residual and Jacobian on both sides.
    t = np.linspace(0.0, 5.0, 10_000)
    decay = 2.5 * np.exp(-1.3 * t) + 0.5 + rng.normal(scale=0.05, size=t.size)

    def residual(p: np.ndarray) -> np.ndarray:
        return decay - (p[0] * np.exp(-p[1] * t) + p[2])

    def jacobian(p: np.ndarray) -> np.ndarray:
        e = np.exp(-p[1] * t)
        return -np.column_stack([e, -p[0] * t * e, np.ones_like(t)])

    start = np.array([1.0, 1.0, 0.0])
    cases.append(
        Case(
            name="least_squares a·exp(−bt) + c, 10,000 points",
            baseline="scipy least_squares lm",
            ours=lambda: least_squares(residual, jacobian, start, xtol=TOL).x,
            theirs=lambda: _scipy_lm(residual, jacobian, start),
            goal=1.0,
            check=_same_optimum,
            repeats=20,
        )
    )
    return cases + _line_cases()


def _line_cases() -> list[Case]:
    """A weighted straight line through 10,000 readings of the spring."""
    load, length, sigma = spring_measurements(10_000, seed=1)
    design = np.column_stack([load, np.ones_like(load)]) / sigma[:, None]
    scaled = length / sigma

    def residual(p: np.ndarray) -> np.ndarray:
        return scaled - design @ p

    def jacobian(p: np.ndarray) -> np.ndarray:
        return -design

    def closed_form() -> np.ndarray:
        fit = fit_line(load, length, sigma)
        return np.array([fit.slope, fit.intercept])

    start = np.zeros(2)
    return [
        Case(
            name="least_squares line, 10,000 points",
            baseline="scipy least_squares lm",
            ours=lambda: least_squares(residual, jacobian, start, xtol=TOL).x,
            theirs=lambda: _scipy_lm(residual, jacobian, start),
            goal=1.0,
            check=_same_optimum,
            repeats=20,
        ),
        Case(
            name="fit_line weighted, 10,000 points",
            baseline="numpy polyfit",
            ours=closed_form,
            theirs=lambda: np.polyfit(load, length, 1, w=1 / sigma),
            goal=None,
            check=_same_optimum,
            repeats=20,
        ),
    ]


def _training_case() -> Case:
    x, y = heart_curve(100)
    start = init_network([1, 6, 7, 2], rng=1)

    def ours():
        return train(start, x, y, steps=TRAIN_STEPS, learning_rate=2.0, momentum=0.9)

    # The same 1 → 6 → 7 → 2 sigmoid network, full batch, plain momentum SGD, same steps.
    def theirs():
        model = MLPRegressor(
            hidden_layer_sizes=(6, 7),
            activation="logistic",
            solver="sgd",
            batch_size=100,
            learning_rate_init=0.5,
            momentum=0.9,
            nesterovs_momentum=False,
            max_iter=TRAIN_STEPS,
            tol=0.0,
            n_iter_no_change=TRAIN_STEPS + 1,
            shuffle=False,
            random_state=0,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            return model.fit(x.T, y.T)

    def check(result, model) -> str:
        assert result.costs[-1] < 0.05 * result.costs[0], "training did not converge"
        # sklearn's loss_ is half the mean squared error per output: ours / 4 for 2 outputs.
        return f"final cost {result.costs[-1]:.1e} (sklearn {4 * model.loss_:.1e})"

    return Case(
        name=f"heart network, {TRAIN_STEPS} training steps",
        baseline="sklearn MLPRegressor",
        ours=ours,
        theirs=theirs,
        goal=None,
        check=check,
        repeats=3,
    )


def cases() -> list[Case]:
    """The calculus benchmarks: least squares (goal: no slower than scipy), training (reported)."""
    return [*_fit_cases(), _training_case()]

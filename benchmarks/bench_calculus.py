"""Benchmarks of mmlbook.calculus: fitting a Gaussian and training the heart network."""

from __future__ import annotations

import warnings

import numpy as np
from scipy.optimize import curve_fit
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor

from harness import Case
from mmlbook.calculus import fit_gaussian, init_network, train
from mmlbook.datasets import heart_curve, heights_histogram

TRAIN_STEPS = 2000


def _gaussian(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    return np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))


def _fit_cases() -> list[Case]:
    x, y = heights_histogram()
    cases = []
    for start in ((155.0, 6.0), (160.0, 15.0)):

        def ours(start=start):
            fit = fit_gaussian(x, y, *start)
            return np.array([fit.mu, fit.sigma])

        # Tight tolerances, so that both sides stop at the optimum itself: with its defaults
        # curve_fit stops about 2e-6 away, which would hide a real disagreement.
        def theirs(start=start):
            return curve_fit(_gaussian, x, y, p0=start, xtol=1e-12, ftol=1e-12)[0]

        def check(a: np.ndarray, b: np.ndarray) -> str:
            gap = float(np.abs(a - b).max())
            assert gap <= 1e-6, f"optima differ by {gap:.1e}"
            return f"max |Δ(μ, σ)| {gap:.1e}"

        cases.append(
            Case(
                name=f"fit_gaussian heights from {start}",
                baseline="scipy curve_fit",
                ours=ours,
                theirs=theirs,
                goal=1.0,
                check=check,
                repeats=30,
            )
        )
    return cases


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
    """The calculus benchmarks: fitting (goal: no slower than curve_fit), training (reported)."""
    return [*_fit_cases(), _training_case()]

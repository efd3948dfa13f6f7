"""The PCA chapters run unchanged on MNIST: small 28 × 28 IDX files stand in for it.

``MMLBOOK_MNIST`` names a folder of the four IDX files (written by ``idx_files``, nothing
is downloaded), and each chapter's code cells run in one process of their own, in order,
the hidden ones too: a check of a claim about the bundled 8 × 8 digits, which other data
need not share, runs only when ``images.bundled`` is true. Every cell must run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from book_pages import REPO
from idx_files import write_mnist_folder
from mmlbook.datasets import MNIST_VARIABLE

pytestmark = pytest.mark.mnist

CHAPTERS = ("mean_covariance", "distances_angles", "projections", "pca")
N_TRAIN, N_TEST = 1400, 400  # the chapters hold out the images after the first 1200


@pytest.fixture(scope="module")
def mnist_folder(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("mnist")
    write_mnist_folder(folder, n_train=N_TRAIN, n_test=N_TEST)
    return folder


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_pca_chapter_runs_on_28_by_28_idx_files(chapter, mnist_folder) -> None:
    env = {**os.environ, MNIST_VARIABLE: str(mnist_folder), "MPLBACKEND": "Agg"}
    command = [
        sys.executable, str(REPO / "tests" / "chapter_cells.py"),
        str(REPO / "book" / "pca" / f"{chapter}.md"),
        "--show", "X.shape",
    ]
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - start
    assert result.returncode == 0, (
        f"book/pca/{chapter}.md fails on 28 x 28 images:\n{result.stderr[-3000:]}\n"
        f"{result.stdout[-3000:]}"
    )
    # The chapter ran on the IDX files, not on the bundled digits.
    assert f"X.shape = ({N_TRAIN + N_TEST}, 784)" in result.stdout.splitlines()
    print(f"book/pca/{chapter}.md on {N_TRAIN + N_TEST} images of 28 x 28: {seconds:.1f} s")

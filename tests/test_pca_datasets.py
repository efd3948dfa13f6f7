"""Tests of the PCA course's data: bundled digits and iris, and the IDX reader."""

import numpy as np
import pytest

from idx_files import IDX_CODES, write_idx, write_mnist_folder
from mmlbook.datasets import (
    IRIS_FEATURES,
    MNIST_VARIABLE,
    load_digits,
    load_images,
    load_iris,
    load_mnist,
    read_idx,
)


def test_digits_and_iris():
    X, y = load_digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.dtype == np.float64 and X.min() == 0.0 and X.max() == 16.0
    assert set(y.tolist()) == set(range(10))
    X, y = load_iris()
    assert X.shape == (150, 4) and len(IRIS_FEATURES) == 4
    assert np.bincount(y).tolist() == [50, 50, 50]


@pytest.mark.parametrize("dtype", list(IDX_CODES))
@pytest.mark.parametrize("compress", [False, True])
def test_idx_round_trip(tmp_path, dtype, compress):
    rng = np.random.default_rng(0)
    array = (rng.normal(size=(3, 4, 2)) * 50).astype(dtype)
    result = read_idx(write_idx(tmp_path / "a.idx", array, compress))
    assert result.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(result, array)


def test_load_mnist_from_a_folder(tmp_path):
    rng = np.random.default_rng(1)
    images = rng.integers(0, 256, size=(7, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, size=7, dtype=np.uint8)
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", images, compress=True)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", labels)
    X, y = load_mnist(tmp_path, kind="t10k")
    assert X.shape == (7, 784) and X.dtype == np.float64
    np.testing.assert_array_equal(X[3].reshape(28, 28), images[3])
    np.testing.assert_array_equal(y, labels)


def test_bad_files(tmp_path):
    (tmp_path / "m").write_bytes(bytes([1, 0, 0x08, 1, 0, 0, 0, 1, 5]))
    with pytest.raises(ValueError, match="two zero bytes"):
        read_idx(tmp_path / "m")
    (tmp_path / "t").write_bytes(bytes([0, 0, 0x07, 1, 0, 0, 0, 1, 5]))
    with pytest.raises(ValueError, match="unknown IDX type code 0x07"):
        read_idx(tmp_path / "t")
    (tmp_path / "s").write_bytes(bytes([0, 0, 0x08, 1, 0, 0, 0, 5, 1, 2]))
    with pytest.raises(ValueError, match="promises 5"):
        read_idx(tmp_path / "s")
    (tmp_path / "h").write_bytes(bytes([0, 0, 0x08, 2, 0, 0]))
    with pytest.raises(ValueError, match="ends inside its IDX header"):
        read_idx(tmp_path / "h")
    (tmp_path / "g").write_bytes(b"\x1f\x8bnot really gzip")
    with pytest.raises(ValueError, match="not a readable gzip file"):
        read_idx(tmp_path / "g")
    with pytest.raises(FileNotFoundError):
        read_idx(tmp_path / "missing")
    with pytest.raises(TypeError, match="path must be a str"):
        read_idx(3)


def test_bad_mnist_folders(tmp_path):
    with pytest.raises(ValueError, match='kind must be "train" or "t10k"'):
        load_mnist(tmp_path, kind="test")
    with pytest.raises(FileNotFoundError, match="neither train-images-idx3-ubyte"):
        load_mnist(tmp_path)
    write_idx(tmp_path / "train-images-idx3-ubyte", np.zeros((3, 2, 2), np.uint8))
    write_idx(tmp_path / "train-labels-idx1-ubyte", np.zeros(2, np.uint8))
    with pytest.raises(ValueError, match="3 images but 2 labels"):
        load_mnist(tmp_path)
    with pytest.raises(TypeError, match="folder must be a str"):
        load_mnist(None)


def test_load_images_is_the_bundled_digits_by_default(monkeypatch):
    monkeypatch.delenv(MNIST_VARIABLE, raising=False)
    images = load_images()
    X, y = load_digits()
    np.testing.assert_array_equal(images.X, X)
    np.testing.assert_array_equal(images.y, y)
    assert images.image_shape == (8, 8) and images.n_pixels == 64
    assert images.grey_range == (0.0, 16.0) and images.bundled
    monkeypatch.setenv(MNIST_VARIABLE, "")
    assert load_images().image_shape == (8, 8)


def test_load_images_reads_mnist_when_the_variable_names_a_folder(tmp_path, monkeypatch):
    images, labels = write_mnist_folder(tmp_path, n_train=30, n_test=12)
    monkeypatch.setenv(MNIST_VARIABLE, str(tmp_path))
    data = load_images()
    assert data.X.shape == (42, 784) and data.X.dtype == np.float64
    assert data.image_shape == (28, 28) and data.grey_range == (0.0, 255.0)
    assert not data.bundled
    # Training images first, then the test images, each flattened row by row.
    np.testing.assert_array_equal(data.X[35].reshape(28, 28), images[35])
    np.testing.assert_array_equal(data.y, labels)
    assert data.name == "42 MNIST images of 28 × 28"


def test_load_images_explains_a_wrong_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(MNIST_VARIABLE, str(tmp_path / "absent"))
    with pytest.raises(FileNotFoundError, match="MMLBOOK_MNIST names .* not a folder"):
        load_images()
    write_idx(tmp_path / "train-images-idx3-ubyte", np.zeros((2, 28, 28), np.uint8))
    write_idx(tmp_path / "train-labels-idx1-ubyte", np.zeros(2, np.uint8))
    monkeypatch.setenv(MNIST_VARIABLE, str(tmp_path))
    with pytest.raises(FileNotFoundError, match="t10k-images-idx3-ubyte"):
        load_images()
    write_idx(tmp_path / "t10k-images-idx3-ubyte", np.zeros((1, 20, 20), np.uint8))
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", np.zeros(1, np.uint8))
    with pytest.raises(ValueError, match="the training images are"):
        load_images()

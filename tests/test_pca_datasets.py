"""Tests of the PCA course's data: bundled digits and iris, and the IDX reader."""

import gzip
import struct

import numpy as np
import pytest

from mmlbook.datasets import IRIS_FEATURES, load_digits, load_iris, load_mnist, read_idx

_CODES = {
    np.uint8: 0x08,
    np.int8: 0x09,
    np.int16: 0x0B,
    np.int32: 0x0C,
    np.float32: 0x0D,
    np.float64: 0x0E,
}


def write_idx(path, array, compress=False):
    """Write ``array`` in the IDX format, independently of the reader under test."""
    array = np.asarray(array)
    header = struct.pack(">BBBB", 0, 0, _CODES[array.dtype.type], array.ndim)
    header += struct.pack(f">{array.ndim}I", *array.shape)
    payload = header + array.astype(array.dtype.newbyteorder(">")).tobytes()
    path.write_bytes(gzip.compress(payload) if compress else payload)
    return path


def test_digits_and_iris():
    X, y = load_digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.dtype == np.float64 and X.min() == 0.0 and X.max() == 16.0
    assert set(y.tolist()) == set(range(10))
    X, y = load_iris()
    assert X.shape == (150, 4) and len(IRIS_FEATURES) == 4
    assert np.bincount(y).tolist() == [50, 50, 50]


@pytest.mark.parametrize("dtype", list(_CODES))
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

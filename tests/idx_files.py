"""Write files in MNIST's IDX format, independently of the reader under test."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np

IDX_CODES = {
    np.uint8: 0x08,
    np.int8: 0x09,
    np.int16: 0x0B,
    np.int32: 0x0C,
    np.float32: 0x0D,
    np.float64: 0x0E,
}


def write_idx(path: Path, array: np.ndarray, compress: bool = False) -> Path:
    """Write ``array`` as an IDX file: header, big-endian sizes, big-endian values."""
    array = np.asarray(array)
    header = struct.pack(">BBBB", 0, 0, IDX_CODES[array.dtype.type], array.ndim)
    header += struct.pack(f">{array.ndim}I", *array.shape)
    payload = header + array.astype(array.dtype.newbyteorder(">")).tobytes()
    path.write_bytes(gzip.compress(payload) if compress else payload)
    return path


def write_mnist_folder(
    folder: Path, n_train: int, n_test: int, side: int = 28, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Write the four MNIST files of small synthetic digit-like images into ``folder``.

    Each image is a blurred stroke pattern of its label's class (a fixed random template
    per digit plus noise), grey levels 0 to 255, so that the classes differ as real
    digits do. Returns all images (training first) and all labels.
    """
    rng = np.random.default_rng(seed)
    templates = np.zeros((10, side, side))
    for digit in range(10):
        rows = rng.integers(side // 5, side - side // 5, size=6)
        columns = rng.integers(side // 5, side - side // 5, size=6)
        for r, c in zip(rows, columns, strict=True):
            templates[digit, max(r - 2, 0) : r + 2, max(c - 2, 0) : c + 2] = 1.0
    n = n_train + n_test
    labels = rng.integers(0, 10, size=n).astype(np.uint8)
    noisy = templates[labels] * rng.uniform(0.6, 1.0, size=(n, 1, 1))
    noisy += rng.uniform(0.0, 0.3, size=(n, side, side)) * (noisy > 0)
    images = np.clip(noisy * 255, 0, 255).astype(np.uint8)
    folder.mkdir(parents=True, exist_ok=True)
    write_idx(folder / "train-images-idx3-ubyte.gz", images[:n_train], compress=True)
    write_idx(folder / "train-labels-idx1-ubyte.gz", labels[:n_train], compress=True)
    write_idx(folder / "t10k-images-idx3-ubyte", images[n_train:])
    write_idx(folder / "t10k-labels-idx1-ubyte", labels[n_train:])
    return images, labels

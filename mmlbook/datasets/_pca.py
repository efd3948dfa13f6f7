"""Data sets of the PCA chapters: handwritten digits, iris, and a reader for MNIST files.

The digits and iris come with scikit-learn, so nothing is downloaded. Readers who have
the MNIST files (``train-images-idx3-ubyte.gz`` and friends) read them with
:func:`load_mnist` from a folder of their own, or set the environment variable
``MMLBOOK_MNIST`` to that folder: :func:`load_images`, which the PCA chapters call,
then returns MNIST instead of the bundled digits.
"""

from __future__ import annotations

import gzip
import math
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "IRIS_FEATURES",
    "MNIST_VARIABLE",
    "Images",
    "load_digits",
    "load_images",
    "load_iris",
    "load_mnist",
    "read_idx",
]

#: The environment variable that names a folder of the four MNIST IDX files; when it is
#: set, :func:`load_images` (and so every PCA chapter) uses MNIST.
MNIST_VARIABLE = "MMLBOOK_MNIST"

#: The names of the four iris measurements, in column order (centimetres).
IRIS_FEATURES: tuple[str, ...] = (
    "sepal length",
    "sepal width",
    "petal length",
    "petal width",
)

# IDX type codes and the big-endian numpy types they stand for.
_IDX_TYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_GZIP_MAGIC = b"\x1f\x8b"


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """The handwritten digits bundled with scikit-learn: 1797 images of 8 × 8 pixels.

    Each pixel is a grey level from 0 (white) to 16 (black). Used in
    :doc:`/book/pca/mean_covariance` and the chapters after it.

    Returns
    -------
    X : numpy.ndarray of shape (1797, 64)
        One flattened image per row (row-major: pixel ``(i, j)`` is column ``8 i + j``).
    y : numpy.ndarray of shape (1797,)
        The digit each image shows, 0 to 9.

    Examples
    --------
    >>> from mmlbook.datasets import load_digits
    >>> X, y = load_digits()
    >>> X.shape, y.shape, float(X.max())
    ((1797, 64), (1797,), 16.0)
    """
    from sklearn.datasets import load_digits as _sklearn_digits

    bunch = _sklearn_digits()
    # Labels as platform integers (np.intp), which np.bincount takes on 32-bit builds too
    # (the in-browser kernel's WebAssembly numpy refuses int64 there).
    return bunch.data.astype(np.float64), bunch.target.astype(np.intp)


def load_iris() -> tuple[np.ndarray, np.ndarray]:
    """Fisher's iris flowers bundled with scikit-learn: 150 flowers, 4 measurements.

    The columns are named in ``IRIS_FEATURES``; the labels 0, 1, 2 are the species
    setosa, versicolor and virginica. Used in :doc:`/book/pca/distances_angles`.

    Returns
    -------
    X : numpy.ndarray of shape (150, 4)
        The measurements in centimetres, one flower per row.
    y : numpy.ndarray of shape (150,)
        The species, 0 to 2.

    Examples
    --------
    >>> from mmlbook.datasets import load_iris
    >>> X, y = load_iris()
    >>> X.shape, sorted(set(y.tolist()))
    ((150, 4), [0, 1, 2])
    """
    from sklearn.datasets import load_iris as _sklearn_iris

    bunch = _sklearn_iris()
    return bunch.data.astype(np.float64), bunch.target.astype(np.intp)


def read_idx(path: str | os.PathLike[str]) -> np.ndarray:
    """Read one file in the IDX format of MNIST, gzipped or not.

    An IDX file is a 4-byte header (two zero bytes, a type code, the number of
    dimensions), one big-endian 4-byte size per dimension, then the values, big-endian.
    Gzip is recognised from the file's first bytes, not its name.

    Parameters
    ----------
    path : str or os.PathLike
        The file.

    Returns
    -------
    numpy.ndarray
        The array, in native byte order, with the shape stored in the file.

    Raises
    ------
    TypeError
        If ``path`` is not a path.
    FileNotFoundError
        If there is no such file.
    ValueError
        If the file is not a well-formed IDX file: a folder, a corrupt or truncated gzip
        stream, a wrong magic number, an unknown type code, no dimensions, or a header
        whose sizes do not match the data that follow (however large they are).

    Examples
    --------
    >>> import numpy as np, tempfile, pathlib
    >>> from mmlbook.datasets import read_idx
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiny-idx1-ubyte"
    >>> _ = path.write_bytes(bytes([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]))
    >>> read_idx(path)
    array([7, 2, 1], dtype=uint8)
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"path {path} is a folder, not an IDX file")
    if not path.is_file():
        raise FileNotFoundError(f"path {path} does not exist")
    raw = path.read_bytes()
    if raw[:2] == _GZIP_MAGIC:
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise ValueError(f"path {path} is not a readable gzip file: {exc}") from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise ValueError(f"path {path} is not an IDX file: it must start with two zero bytes")
    type_code, ndim = raw[2], raw[3]
    if type_code not in _IDX_TYPES:
        raise ValueError(f"path {path} has unknown IDX type code {type_code:#04x}")
    if ndim == 0:
        raise ValueError(f"path {path} declares an IDX array with no dimensions")
    header_end = 4 + 4 * ndim
    if len(raw) < header_end:
        raise ValueError(f"path {path} ends inside its IDX header")
    shape = tuple(int(s) for s in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    dtype = _IDX_TYPES[type_code]
    # Python integers: a product of sizes up to 2**32 each cannot overflow here.
    expected = math.prod(shape) * dtype.itemsize
    if len(raw) - header_end != expected:
        raise ValueError(
            f"path {path} holds {len(raw) - header_end} bytes of data, but its header "
            f"promises {expected} for shape {shape}"
        )
    values = np.frombuffer(raw, dtype=dtype, offset=header_end).reshape(shape)
    return values.astype(dtype.newbyteorder("="))


def _find_idx(folder: Path, stem: str) -> Path:
    for name in (stem, stem + ".gz"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"folder {folder} has neither {stem} nor {stem}.gz")


def _read_mnist(folder: Path, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """The images (N × rows × columns) and labels of one MNIST set, checked."""
    images = read_idx(_find_idx(folder, f"{kind}-images-idx3-ubyte"))
    labels = read_idx(_find_idx(folder, f"{kind}-labels-idx1-ubyte"))
    if images.ndim != 3 or labels.ndim != 1:
        raise ValueError(
            f"the images must be a 3-D IDX array and the labels 1-D, got shapes "
            f"{images.shape} and {labels.shape}"
        )
    if images.shape[0] != labels.shape[0]:
        raise ValueError(
            f"the folder holds {images.shape[0]} images but {labels.shape[0]} labels"
        )
    return images, labels


def _mnist_folder(folder: str | os.PathLike[str]) -> Path:
    if not isinstance(folder, (str, os.PathLike)):
        raise TypeError(f"folder must be a str or os.PathLike, got {type(folder).__name__}")
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"folder {folder} does not exist")
    return folder


def load_mnist(
    folder: str | os.PathLike[str], kind: str = "train"
) -> tuple[np.ndarray, np.ndarray]:
    """MNIST images and labels from the standard IDX files in a folder of your own.

    Nothing is downloaded. The folder must hold ``{kind}-images-idx3-ubyte`` and
    ``{kind}-labels-idx1-ubyte``, each optionally gzipped (``.gz``), with ``kind`` either
    ``"train"`` (60,000 images) or ``"t10k"`` (10,000 images). To run the chapters of
    :doc:`/book/pca/index` on MNIST, see :func:`load_images`.

    Parameters
    ----------
    folder : str or os.PathLike
        The folder holding the files.
    kind : {"train", "t10k"}, default "train"
        Which of the two sets to read.

    Returns
    -------
    X : numpy.ndarray of shape (N, rows * columns)
        One flattened image per row, grey levels 0 to 255 as floats.
    y : numpy.ndarray of shape (N,)
        The digit each image shows.

    Raises
    ------
    TypeError
        If ``folder`` is not a path.
    ValueError
        If ``kind`` is not one of the two names, a file is malformed, or the images and
        labels do not match in number or shape.
    FileNotFoundError
        If the folder or a file is missing.

    Examples
    --------
    >>> from mmlbook.datasets import load_mnist
    >>> load_mnist("/no/such/folder")
    Traceback (most recent call last):
    ...
    FileNotFoundError: folder /no/such/folder does not exist
    """
    folder = _mnist_folder(folder)
    if kind not in ("train", "t10k"):
        raise ValueError(f'kind must be "train" or "t10k", got {kind!r}')
    images, labels = _read_mnist(folder, kind)
    return images.reshape(images.shape[0], -1).astype(np.float64), labels.astype(np.intp)


@dataclass(frozen=True)
class Images:
    """A data set of grey images, flattened, with what a chapter needs to draw them.

    Attributes
    ----------
    X : numpy.ndarray of shape (N, rows * columns)
        One flattened image per row (row-major), as floats.
    y : numpy.ndarray of shape (N,)
        The digit each image shows.
    image_shape : (int, int)
        The rows and columns of one image.
    grey_range : (float, float)
        The grey levels of blank paper and of full ink: ``(0, 16)`` for the bundled
        digits, ``(0, 255)`` for MNIST.
    name : str
        What the data are, for a figure title or a printout.
    bundled : bool
        Whether these are the bundled digits, the data the book's text describes: the
        chapters check their claims about the data only then.
    """

    X: np.ndarray
    y: np.ndarray
    image_shape: tuple[int, int]
    grey_range: tuple[float, float]
    name: str
    bundled: bool = False

    @property
    def n_pixels(self) -> int:
        """The number of pixels of one image, D."""
        return int(self.X.shape[1])


def load_images() -> Images:
    """The images of the PCA chapters: the bundled digits, or MNIST if you have it.

    With the environment variable ``MMLBOOK_MNIST`` unset (or empty) these are the
    1797 digits of 8 × 8 pixels of :func:`load_digits`. With it set to a folder that
    holds the four MNIST files (``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
    ``t10k-images-idx3-ubyte``, ``t10k-labels-idx1-ubyte``, each optionally ``.gz``),
    they are the 60,000 training images followed by the 10,000 test images of 28 × 28
    pixels: 70,000 rows of 784. The chapters of :doc:`/book/pca/index` call this, so
    setting the variable before starting Jupyter runs them on MNIST unchanged::

        MMLBOOK_MNIST=/path/to/mnist jupyter lab

    Returns
    -------
    Images
        The images, labels, image shape, grey range and a name.

    Raises
    ------
    FileNotFoundError
        If the variable names a folder that does not exist or lacks one of the files.
    ValueError
        If a file is malformed, or the two sets differ in image shape.

    Examples
    --------
    >>> from mmlbook.datasets import load_images
    >>> images = load_images()  # the bundled digits unless MMLBOOK_MNIST is set
    >>> images.X.shape[1] == images.image_shape[0] * images.image_shape[1]
    True
    """
    folder = os.environ.get(MNIST_VARIABLE, "")
    if not folder:
        X, y = load_digits()
        return Images(X, y, (8, 8), (0.0, 16.0), "the bundled 8 × 8 digits", bundled=True)
    try:
        folder = _mnist_folder(folder)
    except FileNotFoundError:
        raise FileNotFoundError(
            f"the environment variable {MNIST_VARIABLE} names {folder!r}, which is not a "
            f"folder; unset it to use the bundled digits"
        ) from None
    train_images, train_labels = _read_mnist(folder, "train")
    test_images, test_labels = _read_mnist(folder, "t10k")
    if train_images.shape[1:] != test_images.shape[1:]:
        raise ValueError(
            f"the training images are {train_images.shape[1:]} pixels but the test images "
            f"{test_images.shape[1:]}"
        )
    rows, columns = (int(n) for n in train_images.shape[1:])
    X = np.concatenate([train_images, test_images]).reshape(-1, rows * columns)
    y = np.concatenate([train_labels, test_labels]).astype(np.intp)
    name = f"{X.shape[0]:,} MNIST images of {rows} × {columns}"
    return Images(X.astype(np.float64), y, (rows, columns), (0.0, 255.0), name)

"""read_idx on malformed files: every one is a ValueError naming the path, found by fuzzing.

The fuzzed files are arbitrary bytes, and well-formed IDX files (plain or gzipped) that
are then truncated, extended, corrupted or given impossible headers. Whatever the bytes,
``read_idx`` either returns the array an independent reading of the format gives, or
raises a ValueError whose message names the file.
"""

from __future__ import annotations

import gzip
import struct
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook.datasets import read_idx

TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def _reference(raw: bytes) -> np.ndarray | None:
    """The array a well-formed (uncompressed) IDX file holds, or None if it is malformed."""
    if len(raw) < 4 or raw[:2] != b"\0\0" or raw[2] not in TYPES or raw[3] == 0:
        return None
    ndim = raw[3]
    if len(raw) < 4 + 4 * ndim:
        return None
    shape = struct.unpack(f">{ndim}I", raw[4 : 4 + 4 * ndim])
    dtype = np.dtype(TYPES[raw[2]])
    count = 1
    for size in shape:
        count *= size
    if len(raw) - 4 - 4 * ndim != count * dtype.itemsize:
        return None
    return np.frombuffer(raw[4 + 4 * ndim :], dtype=dtype).reshape(shape)


def _read(raw: bytes) -> np.ndarray | ValueError:
    """``read_idx`` of a file holding ``raw``: its array, or the ValueError it raised."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz-idx-ubyte"
        path.write_bytes(raw)
        try:
            return read_idx(path)
        except ValueError as error:
            assert str(path) in str(error), f"the message does not name the file: {error}"
            return error


def _expected(raw: bytes) -> np.ndarray | None:
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except Exception:  # any failure to decompress makes the file malformed
            return None
    return _reference(raw)


def _check(raw: bytes) -> None:
    got, want = _read(raw), _expected(raw)
    if want is None:
        assert isinstance(got, ValueError), f"a malformed file was read as {got!r}"
    else:
        assert isinstance(got, np.ndarray), f"a well-formed file was refused: {got}"
        assert got.dtype == want.dtype.newbyteorder("=") and got.shape == want.shape
        np.testing.assert_array_equal(got, want)


@st.composite
def idx_files(draw: st.DrawFn) -> bytes:
    """A well-formed IDX file."""
    code = draw(st.sampled_from(sorted(TYPES)))
    shape = draw(st.lists(st.integers(0, 4), min_size=1, max_size=3))
    count = int(np.prod(shape))
    data = draw(st.binary(min_size=count * np.dtype(TYPES[code]).itemsize,
                          max_size=count * np.dtype(TYPES[code]).itemsize))
    return bytes([0, 0, code, len(shape)]) + struct.pack(f">{len(shape)}I", *shape) + data


@st.composite
def damaged_files(draw: st.DrawFn) -> bytes:
    """A well-formed IDX file, maybe gzipped, then maybe damaged in one way."""
    raw = draw(idx_files())
    damage = draw(st.sampled_from(
        ["none", "truncate", "extend", "flip", "huge sizes", "gzip", "gzip truncate",
         "gzip flip", "gzip extend"]
    ))
    if damage == "huge sizes":
        ndim = raw[3]
        sizes = draw(st.lists(st.integers(2**31, 2**32 - 1), min_size=ndim, max_size=ndim))
        raw = raw[:4] + struct.pack(f">{ndim}I", *sizes) + raw[4 + 4 * ndim :]
    if damage.startswith("gzip"):
        raw = gzip.compress(raw)
    if damage.endswith("truncate"):
        raw = raw[: draw(st.integers(0, max(len(raw) - 1, 0)))]
    elif damage.endswith("extend"):
        raw = raw + draw(st.binary(min_size=1, max_size=16))
    elif damage.endswith("flip") and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([raw[at] ^ draw(st.integers(1, 255))]) + raw[at + 1 :]
    return raw


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=80))
def test_arbitrary_bytes(raw: bytes) -> None:
    _check(raw)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=80))
def test_arbitrary_bytes_after_the_gzip_magic(raw: bytes) -> None:
    _check(b"\x1f\x8b" + raw)


@settings(max_examples=300, deadline=None)
@given(damaged_files())
def test_damaged_idx_files(raw: bytes) -> None:
    _check(raw)


def test_sizes_whose_product_overflows_int64() -> None:
    # 3 sizes of 2**32 - 1: their product is about 2**96, far beyond int64.
    header = bytes([0, 0, 8, 3]) + struct.pack(">3I", *[2**32 - 1] * 3)
    error = _read(header + bytes(8))
    assert isinstance(error, ValueError) and "header promises" in str(error)


def test_corrupt_and_truncated_gzip() -> None:
    packed = gzip.compress(bytes([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]))
    corrupt = packed[:12] + bytes([packed[12] ^ 0xFF]) + packed[13:]
    for raw in (corrupt, packed[:-5]):
        error = _read(raw)
        assert isinstance(error, ValueError) and "not a readable gzip file" in str(error)


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=f"path {tmp_path} is a folder"):
        read_idx(tmp_path)
    with pytest.raises(FileNotFoundError, match="path .*nothing-here does not exist"):
        read_idx(tmp_path / "nothing-here")

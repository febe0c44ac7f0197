"""The import rules of docs/architecture.md hold: ``lint-imports`` (import-linter) keeps every
contract in pyproject.toml, and those contracts do catch a forbidden import."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def lint_imports(cwd: Path, python_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(python_path)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=240, check=False)


def test_every_contract_is_kept():
    result = lint_imports(ROOT, ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " broken" in result.stdout and "0 broken" in result.stdout


def _contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
        "contracts"]


def _fake_project(tmp_path: Path, bad_imports: dict[str, str]) -> Path:
    """A package ``uitweg`` with every layer of the contract as an empty module, plus
    ``bad_imports`` (module path → source)."""
    package = tmp_path / "src" / "uitweg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    layers = next(c for c in _contracts() if c["id"] == "layers")["layers"]
    for layer in layers:
        for name in re.split(r"[|:]", layer):
            name = name.strip()
            if not name.startswith("("):
                (package / name).mkdir()
                (package / name / "__init__.py").write_text("")
    (package / "cases" / "queries.py").write_text("")
    for contract in _contracts():
        for name in contract.get("forbidden_modules", []):
            (tmp_path / "src" / (name.replace(".", "/") + ".py")).write_text("")
    for module, source in bad_imports.items():
        (package / module).write_text(source)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(("module", "source", "contract"), [
    ("core/bad.py", "import uitweg.cases\n", "layers"),
    ("core/bad.py", "from uitweg.audit import views\n", "layers"),
    ("audit/bad.py", "from uitweg.accounts import roles\n", "layers"),
    ("cases/bad.py", "import uitweg.signals\n", "layers"),
    ("outreach/bad.py", "import uitweg.monitoring\n", "layers"),
    ("signals/bad.py", "from uitweg.cases import models\n", "cases-public-api"),
    ("outreach/bad.py", "from uitweg.cases.vocabulary import Gender\n", "cases-public-api"),
])
def test_a_forbidden_import_breaks_a_contract(tmp_path, module, source, contract):
    project = _fake_project(tmp_path, {module: source})
    result = lint_imports(project, project / "src")
    assert result.returncode != 0
    name = next(c["name"] for c in _contracts() if c["id"] == contract)
    assert f"{name} BROKEN" in " ".join(result.stdout.split()), result.stdout


def test_an_app_missing_from_the_layers_breaks_the_contract(tmp_path):
    project = _fake_project(tmp_path, {})
    (project / "src" / "uitweg" / "newapp").mkdir()
    (project / "src" / "uitweg" / "newapp" / "__init__.py").write_text("")
    result = lint_imports(project, project / "src")
    assert result.returncode != 0
    assert "uitweg.newapp" in result.stdout, result.stdout


def test_the_fake_project_is_clean_without_the_bad_import(tmp_path):
    project = _fake_project(tmp_path, {"signals/good.py": "from uitweg.cases import queries\n"})
    result = lint_imports(project, project / "src")
    assert result.returncode == 0, result.stdout + result.stderr

"""Every make target works on a fresh clone: its prerequisites bring what it needs (issue 16).

`make -n` in a copy of the build files, with nothing installed, shows what each target would run
first: the virtualenv, the development keys (outside production) and the front-end assets.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD_FILES = ["Makefile", "pyproject.toml", "package.json", "package-lock.json",
               "scripts/build-assets.mjs", "scripts/make_keys.py"]
BENCHES = re.findall(r"^bench-([a-z0-9-]+):", (ROOT / "Makefile").read_text(), re.MULTILINE)
DJANGO_TARGETS = ["run", "serve", "test", "messages", "docs-config", "bench",
                  *(f"bench-{b}" for b in BENCHES if b != "estimate")]
PAGE_TARGETS = ["run", "serve", "test", "bench",
                *(f"bench-{b}" for b in BENCHES if b != "estimate")]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    root = tmp_path_factory.mktemp("fresh-clone")
    for name in BUILD_FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, root / name)
    return root


def dry_run(root: Path, target: str, **env) -> list[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("UITWEG_", "MAKE"))}
    result = subprocess.run(["make", "-n", target], cwd=root, capture_output=True, text=True,
                            env=environ | env, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def first(lines: list[str], needle: str) -> int:
    return next((i for i, line in enumerate(lines) if needle in line), -1)


def test_the_makefile_has_benchmarks():
    assert {"cases", "chat", "signals", "estimate"} <= set(BENCHES)


@pytest.mark.parametrize("target", DJANGO_TARGETS)
def test_targets_that_start_django_install_and_write_keys_first(fresh, target):
    lines = dry_run(fresh, target)
    assert first(lines, "pip install") >= 0, f"make {target} does not install the virtualenv"
    keys = first(lines, "scripts/make_keys.py")
    assert keys >= 0, f"make {target} would start without development keys"
    assert keys < len(lines) - 1, f"make {target} writes the keys only at the end"


@pytest.mark.parametrize("target", PAGE_TARGETS)
def test_targets_that_serve_pages_build_the_assets(fresh, target):
    assert first(dry_run(fresh, target), "npm run") >= 0, f"make {target} has no assets"


def test_estimation_benchmark_needs_only_the_virtualenv(fresh):
    lines = dry_run(fresh, "bench-estimate")
    assert first(lines, "pip install") >= 0
    assert first(lines, "uitweg.estimation.bench") > first(lines, "pip install")


def test_production_never_gets_development_keys(fresh):
    lines = dry_run(fresh, "serve", UITWEG_MODE="production")
    assert first(lines, "scripts/make_keys.py") < 0
    assert first(lines, "migrate") >= 0 and first(lines, "--workers") >= 0


def _bench_all():
    spec = importlib.util.spec_from_file_location("bench_all", ROOT / "scripts" / "bench_all.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_all"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_bench_table_compares_with_targets_and_marks_a_busy_machine(tmp_path):
    bench_all = _bench_all()
    assert set(bench_all.bench_targets()) == set(BENCHES)
    met = bench_all.Run("chat", exit_code=0, seconds=70, summary={"p99_ms": 34.1}, loads=[0.5])
    slow = bench_all.Run("cases", exit_code=0, seconds=300,
                         summary={"detail_p95_ms": 180.0, "list_unfiltered_p95_ms": 48.0},
                         loads=[1.0, 3.5])
    failed = bench_all.Run("signals", exit_code=1, last_line="The bench needs PostgreSQL")
    text = bench_all.table([met, slow, failed])
    assert "| bench-chat | p99_ms | 34.1 | < 100 | met | 0.5 |" in text
    assert "| bench-cases | detail_p95_ms | 180 | < 150 | not met | 3.5 (busy) |" in text
    assert "| list_unfiltered_p95_ms | 48 | — | measured |" in text
    assert "The bench needs PostgreSQL | — | not run (exit 1)" in text

    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nintro\n\n## Cases\nold figures\n")
    bench_all.write_doc("### run one\n\n" + text, doc)
    bench_all.write_doc("### run two\n\n" + text, doc)
    content = doc.read_text()
    assert content.index("### run two") < content.index("### run one") < content.index("## Cases")
    assert "old figures" in content

import subprocess
import sys
from pathlib import Path

from django.conf import settings

from uitweg.conf import REGISTRY, render_markdown


def test_configuration_docs_are_current():
    target = Path(settings.BASE_DIR) / "docs" / "configuration.md"
    assert target.read_text(encoding="utf-8") == render_markdown() + "\n", (
        "docs/configuration.md is out of date: run `make docs-config`")


def test_every_setting_has_a_description():
    assert all(len(item.help) > 10 for item in REGISTRY.values())


def _run_check(env_extra):
    env = {
        "PATH": "/usr/bin:/bin", "UITWEG_MODE": "production",
        "DJANGO_SECRET_KEY": "x" * 60 + "production-like-secret-key",
        "FIELD_ENCRYPTION_KEYS": settings.FIELD_ENCRYPTION_KEYS,
        "BLIND_INDEX_KEY": settings.BLIND_INDEX_KEY,
        "ANONYMISATION_KEY": settings.ANONYMISATION_KEY,
        "AUDIT_CHAIN_KEY": settings.AUDIT_CHAIN_KEY,
        "DJANGO_ALLOWED_HOSTS": "uitweg.example.org",
        **env_extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_production_settings():
    result = _run_check({})
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_keys():
    result = _run_check({"FIELD_ENCRYPTION_KEYS": ""})
    assert result.returncode != 0
    assert "required in production" in result.stderr

"""Headless Chromium (Debian's package) driven by Playwright, and axe-core from npm."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (.ci/run installs it)")
        pytest.skip("Chromium not installed (apt-get install chromium); browser tests skipped")
    return path


def run_axe(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; return serious/critical issues."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))  # needs bypass_csp context
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def login_with_totp(page, base_url: str, user, password: str | None = None) -> None:
    """Log a staff member in through the real login and MFA steps; end on the dashboard."""
    from uitweg.testing.clients import current_code
    from uitweg.testing.factories import PASSWORD

    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", password or PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/2fa/authenticate/**")
    # A browser on a busy machine can take seconds from typing the code to the server reading
    # it: take a code with time to spare in its step.
    page.fill("input[name=code]", current_code(user, margin=10))
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base_url}/staff/")

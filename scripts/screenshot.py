"""Take screenshots of pages of a running server (development aid): login as a demo user.

    .venv/bin/python scripts/screenshot.py http://127.0.0.1:8000 out_dir [username] [path ...]
"""

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from uitweg.testing.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402


def main() -> None:
    base, out = sys.argv[1], Path(sys.argv[2])
    username = sys.argv[3] if len(sys.argv) > 3 else ""
    paths = sys.argv[4:] or ["/"]
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        if username:
            page.goto(base + "/accounts/login/")
            page.fill("input[name=login]", username)
            page.fill("input[name=password]", "uitweg-demo-2026")
            page.click("button[type=submit]")
            page.wait_for_url("**/2fa/authenticate/**")
            code = subprocess.run(
                [sys.executable, "manage.py", "demo_code", username],
                capture_output=True, text=True, check=True).stdout.strip()
            page.fill("input[name=code]", code)
            page.click("button[type=submit]")
            page.wait_for_load_state()
        for i, path in enumerate(paths):
            page.goto(base + path)
            target = out / f"{i:02d}-{path.strip('/').replace('/', '_') or 'home'}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()

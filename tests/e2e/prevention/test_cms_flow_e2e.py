"""The editorial flow through the Wagtail admin in a real browser (issue 11, "Must show"): an
editor writes a Dutch page and submits it for review, a translator translates every field into
Polish in wagtail-localize's translation editor, a publisher approves the Dutch page and
publishes the Polish one with the editor's "Publish in …" button; a visitor then reads the page
in Polish."""

import time

import pytest

from uitweg.testing.browser import login_with_totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(transactional_db):
    from uitweg.accounts.roles import OrganisationKind, Role
    from uitweg.prevention.cms import ensure_site
    from uitweg.testing.factories import OrganisationFactory, UserFactory

    home = ensure_site()
    city = OrganisationFactory(name="Gemeente E2E", kind=OrganisationKind.MUNICIPALITY)
    return (home, UserFactory(organisation=city, roles=[Role.EDITOR]),
            UserFactory(organisation=city, roles=[Role.PUBLISHER]))


def eventually(check, seconds=30.0):
    """Poll ``check`` until it is true. On SQLite the test's reads share the in-memory database
    with the live server's thread, so a read while the server writes may find the table
    locked: that read is simply repeated."""
    from django.db import OperationalError

    end = time.monotonic() + seconds
    while True:
        try:
            if check():
                return
        except OperationalError as busy:
            if "locked" not in str(busy):
                raise
        assert time.monotonic() < end, "timed out"
        time.sleep(0.25)


def submit_for_review(page):
    submit = page.locator("button[name=action-submit]")
    page.locator("[data-controller~='w-dropdown']").filter(has=submit).locator(
        "[data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        submit.click()


def wait_in_page(page, function: str, arg=None):
    """Poll a JS function until it returns true (the CMS's CSP forbids Playwright's eval-based
    ``wait_for_function``)."""
    eventually(lambda: page.evaluate(function, arg))


def type_rich_text(page, text: str):
    """Type into the first Draftail editor and wait until the form holds the text.

    Draftail writes its content to the form's hidden input 250 ms after the last keystroke
    (``stateSaveInterval``); a submit inside that window posts ``body=null`` and the page is
    refused with "This field is required". A person never clicks that fast; a test does."""
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type(text)
    wait_in_page(
        page, "text => (document.querySelector('input[name=body]').value || '').includes(text)",
        text)


def js_click(page, selector):
    """Click a button that sits in a closed dropdown (Wagtail's footer actions)."""
    page.wait_for_selector(selector, state="attached")
    page.evaluate("s => document.querySelector(s).click()", selector)


def translate_in_editor(page, words: dict[str, str]) -> None:
    """As a translator does in wagtail-localize's editor: on every tab, for each untranslated
    field, click its button ("Translate"), type the translation and press Enter (which saves
    the segment at once)."""
    wait_in_page(page, "() => document.querySelectorAll('li.incomplete').length > 0")
    tabs = page.locator("a.w-tabs__tab[role=tab]")
    done = set()
    for index in range(tabs.count() or 1):
        if tabs.count():
            tabs.nth(index).click()
        for source, target in words.items():
            segment = page.locator("li.incomplete").filter(
                has=page.get_by_text(source, exact=True))
            # the other tabs' fields are in the page too, hidden
            if source in done or not segment.count() or not segment.first.is_visible():
                continue
            row = segment.first.element_handle()  # keeps its node when it turns "complete"
            save_segment(page, row, target)
            done.add(source)
    assert done == set(words), set(words) - done


def save_segment(page, row, target: str, attempts: int = 4) -> None:
    """Type a segment's translation and press Enter, then wait for the editor's save to be
    answered; a refused save is tried again, as a translator would. (On SQLite the live
    server's threads share one in-memory database, and a save that meets another request's
    write — the editing-session ping — is refused with "database table is locked".)"""
    for _attempt in range(attempts):
        area = row.query_selector("textarea")
        if area is None:
            row.query_selector("button").click()
            area = row.wait_for_selector("textarea")
        area.fill(target)
        with page.expect_response(
                lambda r: "/strings/" in r.url and r.url.endswith("/edit/")) as answer:
            area.press("Enter")
        if answer.value.ok:
            return
        time.sleep(0.5)
    raise AssertionError(f"the translation editor did not save {target!r}")


def test_editor_translator_publisher_then_a_visitor_reads_polish(browser, live_server, people):
    from wagtail.models import Locale

    from uitweg.prevention.models import InfoPage

    home, editor, publisher = people
    base = live_server.url
    context = browser.new_context(locale="nl-NL")
    # Wagtail notices changes only after it took the form's first snapshot (2 s after the form
    # appears, w-unsaved); an editor who starts typing later gets an autosave. Wait for it.
    context.add_init_script("document.addEventListener('w-unsaved:watch-edits', "
                            "() => { window.uitwegWatching = true; }, true);")
    page = context.new_page()
    login_with_totp(page, base, editor)
    page.goto(f"{base}/cms/pages/add/prevention/infopage/{home.pk}/")
    wait_in_page(page, "() => window.uitwegWatching === true")
    page.fill("#id_title", "Uw loonstrook lezen")
    page.fill("#id_summary", "Zo leest u uw loonstrook.")
    type_rich_text(page, "Op uw loonstrook staan uw uren en elke inhouding.")
    # Wagtail's autosave creates the page as a draft and turns the add form into its edit form
    # (the address becomes /cms/pages/<id>/edit/); submitting before that would race it.
    wait_in_page(page, "() => /^\\/cms\\/pages\\/\\d+\\/edit\\/$/.test(location.pathname)")
    submit_for_review(page)
    dutch = InfoPage.objects.get(title="Uw loonstrook lezen")
    eventually(lambda: InfoPage.objects.get(pk=dutch.pk).workflow_in_progress)
    assert not InfoPage.objects.get(pk=dutch.pk).live

    # The translator (an editor of the municipality) asks for Polish and translates every
    # field in wagtail-localize's editor (the Polish page's edit screen).
    polish = Locale.objects.get(language_code="pl")
    page.goto(f"{base}/cms/localize/submit/page/{dutch.pk}/")
    page.check(f"input[name=locales][value='{polish.pk}']")
    with page.expect_navigation():
        page.locator("main form button[type=submit], main form input[type=submit]"
                     ).first.click()
    from wagtail_localize.models import StringTranslation, Translation

    translation = Translation.objects.get(source__object_id=dutch.translation_key,
                                          target_locale=polish)
    polish_draft = InfoPage.objects.get(translation_key=dutch.translation_key, locale=polish)
    page.goto(f"{base}/cms/pages/{polish_draft.pk}/edit/")
    words = {"Uw loonstrook lezen": "Jak czytać odcinek wypłaty",
             "Zo leest u uw loonstrook.": "Tak czytasz odcinek wypłaty.",
             "Op uw loonstrook staan uw uren en elke inhouding.":
                 "Na odcinku wypłaty są twoje godziny i każde potrącenie.",
             "uw-loonstrook-lezen": "jak-czytac-odcinek"}
    translate_in_editor(page, words)
    eventually(lambda: set(StringTranslation.objects.filter(locale=polish).values_list(
        "data", flat=True)) >= set(words.values()))
    assert not InfoPage.objects.get(pk=polish_draft.pk).live  # an editor cannot publish
    context.close()

    # The publisher approves the Dutch page from its edit screen.
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    login_with_totp(page, base, publisher)
    page.goto(f"{base}/cms/")
    assert "Uw loonstrook lezen" in page.locator("#awaiting-review-section").inner_text()
    page.goto(f"{base}/cms/pages/{dutch.pk}/edit/")
    # The approval posts the edit form and the browser follows the answer: wait for that
    # navigation, or the next goto races it (once in CI on PostgreSQL: the goto never saw
    # "load" in 30 s).
    with page.expect_navigation():
        js_click(page, "button[data-workflow-action-name=approve]"
                       ":not([data-workflow-action-modal-url])")
    eventually(lambda: InfoPage.objects.get(pk=dutch.pk).live)
    # ... and publishes the Polish translation from the translation editor.
    page.goto(f"{base}/cms/pages/{polish_draft.pk}/edit/")
    publish = page.locator("footer button[name=action][value=publish]")
    publish.wait_for()
    with page.expect_navigation():
        publish.click()
    eventually(lambda: InfoPage.objects.get(pk=polish_draft.pk).live)
    assert Translation.objects.get(pk=translation.pk).target_locale == polish
    context.close()  # its editing-session pings write to the shared SQLite database

    # A visitor reads it in Polish.
    context = browser.new_context(locale="pl-PL")
    page = context.new_page()
    page.goto(f"{base}/pl/werken-in-nederland/jak-czytac-odcinek/")
    assert page.locator("h1").inner_text() == "Jak czytać odcinek wypłaty"
    assert "każde potrącenie" in page.locator("main").inner_text()
    context.close()

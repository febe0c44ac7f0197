"""Demo prevention pages in eight languages, translated through wagtail-localize's PO route, and
three demo CMS users. Idempotent: pages that exist are left alone.

The Dutch pages are the source. Every other language is imported exactly as a translator's PO
file would be (``Translation.export_po`` → fill ``msgstr`` → ``import_po`` → ``save_target``), so
the demo shows the real translation workflow and wagtail-localize knows every translation is
up to date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale

from uitweg.prevention import cms
from uitweg.prevention.demo_content import QUESTIONS, SIGNS_FROM, SOME_FROM, content

#: username, organisation kind, roles
DEMO_CMS_USERS = [
    ("cmseditor", "municipality", ["editor"]),
    ("cmspublisher", "municipality", ["publisher"]),
    ("havencms", "shelter", ["editor", "publisher"]),
]
PAGE_KEYS = ("rights", "help", "selfcheck")


def html(blocks) -> str:
    parts = []
    for kind, value in blocks:
        if kind == "ul":
            items = "".join(f"<li>{escape(item)}</li>" for item in value)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<{kind}>{escape(value)}</{kind}>")
    return "".join(parts)


def strings(page: dict) -> list[str]:
    """Every translatable text of a page in document order (parallel across languages)."""
    found = [page["title"], page["slug"], page.get("summary", "")]
    for field in ("intro", "body", "result_none", "result_some", "result_signs"):
        for kind, value in page.get(field, []):
            found.extend(value if kind == "ul" else [value])
    for question, explanation in page.get("questions", []):
        found.extend([question, explanation])
    return [text for text in found if text]


def _questions(page: dict) -> list:
    return [("question", {"question": q, "explanation": e, "indicator": indicator,
                          "weight": weight, "decisive": decisive})
            for (q, e), (indicator, weight, decisive) in zip(page["questions"], QUESTIONS,
                                                               strict=True)]


def _dutch_page(parent, key: str):
    from uitweg.prevention.models import InfoPage, SelfCheckPage

    data = content("nl")[key]
    existing = parent.get_children().filter(slug=data["slug"]).first()
    if existing:
        return existing.specific
    if key == "selfcheck":
        page = SelfCheckPage(
            title=data["title"], slug=data["slug"], intro=html(data["intro"]),
            questions=_questions(data), some_concerns_from=SOME_FROM, signs_from=SIGNS_FROM,
            result_none=html(data["result_none"]), result_some=html(data["result_some"]),
            result_signs=html(data["result_signs"]))
    else:
        page = InfoPage(title=data["title"], slug=data["slug"], summary=data["summary"],
                        body=html(data["body"]))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, key: str, language: str) -> bool:
    """Translate ``page`` (Dutch) into ``language`` with the demo texts; False if it exists."""
    from wagtail_localize.models import Translation, TranslationSource

    locale = Locale.objects.get(language_code=language)
    if page.get_translations().filter(locale=locale).exists():
        return False
    mapping = dict(zip(strings(content("nl")[key]), strings(content(language)[key]),
                       strict=True))
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True})
    po = translation.export_po()
    missing = [entry.msgid for entry in po if entry.msgid not in mapping]
    if missing:
        raise ValueError(f"demo {key}/{language}: no text for {missing[:3]}")
    for entry in po:
        entry.msgstr = mapping[entry.msgid]
    translation.import_po(po, tool_name="demo")
    # save_target(publish=True) publishes on commit with the page as it was then, which would
    # undo the child count of a parent translated earlier in the same transaction.
    translation.save_target(publish=False)
    target = page.get_translation(locale)
    target.get_latest_revision().publish()
    return True


def _users(stdout) -> None:
    from uitweg.accounts.demo import DEMO_PASSWORD, enrol_totp
    from uitweg.accounts.models import Organisation, User

    for username, kind, roles in DEMO_CMS_USERS:
        org = Organisation.objects.filter(kind=kind).order_by("pk").first()
        if org is None:
            continue
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, organisation=org, roles=roles,
                        first_name=username.capitalize(), last_name="(demo)")
            user.set_password(DEMO_PASSWORD)
            user.save()  # joins the CMS groups of its organisation (roles_sync)
        enrol_totp(user)
    if stdout:
        stdout.write("prevention: CMS logins " + ", ".join(
            f"{name} ({'/'.join(roles)})" for name, _k, roles in DEMO_CMS_USERS))


@transaction.atomic
def build_pages(languages=None) -> tuple[dict, int]:
    """The Dutch pages and their translations into ``languages`` (default: every content
    language). Returns the Dutch pages by key and the number of new translations."""
    home = cms.ensure_site()
    nl = content("nl")["home"]
    if not home.intro:
        home.title, home.intro = nl["title"], html(nl["intro"])
        home.save_revision().publish()
    pages = {"home": home}
    for key in PAGE_KEYS:
        pages[key] = _dutch_page(home, key)
    if languages is None:
        languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    made = 0
    for language in languages:
        if language == settings.LANGUAGE_CODE:
            continue
        for key in ("home", *PAGE_KEYS):
            made += translate(pages[key], key, language)
    return pages, made


def load(stdout=None) -> None:
    _pages, made = build_pages()
    _users(stdout)
    if stdout:
        stdout.write(f"prevention: {1 + len(PAGE_KEYS)} pages, {made} new translations")

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language

from uitweg.core.registry import NAVIGATION


def _staff_nav(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return []
    items = []
    for item in sorted(NAVIGATION, key=lambda i: i.order):
        if item.roles and not user.has_role(*item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url,
                      "current": request.path == url or (
                          url != "/staff/" and request.path.startswith(url))})
    return items


def platform(request):
    path = request.get_full_path()
    public_languages = getattr(request, "public_languages", ("nl", "en"))
    language_names = dict(settings.LANGUAGES)
    native = {"nl": "Nederlands", "en": "English", "pl": "Polski", "ro": "Română",
              "bg": "Български", "uk": "Українська"}
    links = [(code, native.get(code, language_names.get(code)), translate_url(path, code))
             for code in public_languages]
    return {
        "site_name": settings.SITE_NAME,
        "help_numbers": settings.HELP_NUMBERS,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "demo_mode": settings.DEMO_MODE,
        "staff_nav": _staff_nav(request),
        "language_links": links,
        "LANGUAGE_CODE": get_language(),
    }

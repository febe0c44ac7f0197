"""The one settings module of Uitweg. Every value comes from the environment via ``conf.env``."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from uitweg.conf import env, load_env_file

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent
load_env_file(BASE_DIR / "var" / "local.env")

# --- Mode -----------------------------------------------------------------------------------
MODE = env(
    "UITWEG_MODE",
    "production",
    help="`production` (secure defaults, secrets required) or `development` (local keys, "
    "plain-HTTP cookies).",
    group="Mode",
)
if MODE not in {"production", "development"}:
    raise ImproperlyConfigured("UITWEG_MODE must be 'production' or 'development'.")
PRODUCTION = MODE == "production"
DEBUG = env("DJANGO_DEBUG", False, cast=bool, help="Django debug pages; never in production.",
            group="Mode")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG cannot be on with UITWEG_MODE=production.")
DEMO_MODE = env(
    "UITWEG_DEMO_MODE",
    False,
    cast=bool,
    help="Demo mode: enables `manage.py demo_code` and the demo banner. `make run` turns it on.",
    group="Mode",
)

# --- Secrets and keys -------------------------------------------------------------------------
SECRET_KEY = env("DJANGO_SECRET_KEY", "", secret=True, group="Secrets and keys",
                 help="Django's signing key (sessions, CSRF, tokens).")
FIELD_ENCRYPTION_KEYS = env(
    "FIELD_ENCRYPTION_KEYS",
    "",
    secret=True,
    group="Secrets and keys",
    help="Keys for encrypted fields: `id:base64key,id:base64key` (32-byte AES-256 keys). The "
    "first is used to encrypt; all are used to decrypt.",
)
BLIND_INDEX_KEY = env("BLIND_INDEX_KEY", "", secret=True, group="Secrets and keys",
                      help="Base64 HMAC-SHA256 key for blind indexes (exact-match search).")
ANONYMISATION_KEY = env("ANONYMISATION_KEY", "", secret=True, group="Secrets and keys",
                        help="Base64 key for keyed hashes of public clients (rate limits); "
                        "rotated daily with the date.")
AUDIT_CHAIN_KEY = env("AUDIT_CHAIN_KEY", "", secret=True, group="Secrets and keys",
                      help="Base64 HMAC key of the access-log hash chain; keep a copy offline.")
_KEYS = (SECRET_KEY, FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY, ANONYMISATION_KEY, AUDIT_CHAIN_KEY)
if not all(_KEYS):
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY, FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY, ANONYMISATION_KEY and "
            "AUDIT_CHAIN_KEY "
            "are required in production. `make run` writes development keys to var/local.env."
        )
    raise ImproperlyConfigured(
        "Keys missing: run `make keys` (or `make run`) to write var/local.env."
    )

ALLOWED_HOSTS = env("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"], cast=list,
                    help="Host names this site answers to.", group="HTTP")
CSRF_TRUSTED_ORIGINS = env("DJANGO_CSRF_TRUSTED_ORIGINS", [], cast=list, group="HTTP",
                           help="Extra trusted origins for CSRF, e.g. `https://uitweg.example`.")
SITE_NAME = env("UITWEG_SITE_NAME", "Uitweg", help="Name shown in the header and e-mails.",
                group="HTTP")

# --- Applications ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "uitweg.core",  # first: its templates override allauth's
    "uitweg.accounts",
    "uitweg.audit",
    "uitweg.crypto",
    "uitweg.cases",
    "uitweg.signals",
    "uitweg.chat",
    "uitweg.outreach",
    "uitweg.monitoring",
    "django_tasks",  # background tasks (the estimate, ADR 0076); Django 6 has django.tasks
    "django_tasks_db",
    "uitweg.programme",
    "uitweg.week",
    "uitweg.prevention",  # information pages and self-check on Wagtail (issue 11)
    "uitweg.accounts.admin_apps.SuperuserAdminConfig",  # django.contrib.admin, superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "channels",
    "rest_framework",
    "drf_spectacular",
    "csp",
    # Wagtail CMS for the prevention pages (uitweg.prevention, ADR 0090)
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "uitweg.core.middleware.PrivacyLoggingMiddleware",
    "uitweg.audit.middleware.AuditMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "uitweg.core.locale.UitwegLocaleMiddleware",  # ADR 0003 / 0080: public URL, staff cookie
    "uitweg.prevention.middleware.PreventionLanguagesMiddleware",  # ADR 0092: ar, nl-b1
    "uitweg.chat.middleware.ChannelLanguagesMiddleware",  # ADR 0110: es (outreach chat only)
    "django.middleware.common.CommonMiddleware",
    "uitweg.core.error_summary.ErrorTitleMiddleware",  # ADR 0081: "Fout: " in the title
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "uitweg.accounts.middleware.SessionTimeoutMiddleware",
    "uitweg.accounts.middleware.RequireMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside CSPMiddleware, so it marks a /cms/ response before the policy is written (ADR 0091)
    "uitweg.prevention.middleware.CmsAdminCSPMiddleware",
    "uitweg.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "uitweg.urls"
ASGI_APPLICATION = "uitweg.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "uitweg.core.context_processors.platform",
            ],
        },
    },
]

# --- Data stores ----------------------------------------------------------------------------
DATABASE_URL = env(
    "DATABASE_URL",
    f"sqlite:///{BASE_DIR / 'var' / 'uitweg.sqlite3'}",
    group="Data stores",
    help="Database, e.g. `postgres://user@127.0.0.1:5432/uitweg`; default: embedded SQLite.",
    doc_default="`sqlite:///<checkout>/var/uitweg.sqlite3`",
)
DB_CONN_MAX_AGE = env(
    "DB_CONN_MAX_AGE", 0, cast=int, group="Data stores",
    help="Seconds a database connection is reused (0: one per request; chat workers keep "
    "their own, see CHAT_KEEP_DB_CONNECTIONS).")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=DB_CONN_MAX_AGE,
                                              conn_health_checks=DB_CONN_MAX_AGE > 0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
         "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DB_POOL_MAX_SIZE = env(
    "DB_POOL_MAX_SIZE", 20, cast=int, group="Data stores",
    help="PostgreSQL: connections per worker process in a psycopg pool (Django's `pool` option, "
    "ADR 0048), so a request borrows a connection instead of starting a new backend; "
    "0: no pool, a new connection per request (or DB_CONN_MAX_AGE).")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DB_POOL_MAX_SIZE > 0:
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them (Django refuses both)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(2, DB_POOL_MAX_SIZE), "max_size": DB_POOL_MAX_SIZE, "timeout": 10}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", "", group="Data stores",
                help="Redis for cache and channel layer, e.g. `redis://127.0.0.1:6379/0`; "
                "default: in-process memory.")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL, "KEY_PREFIX": "uitweg",
                          "OPTIONS": {"max_connections": 1000}}}
    # redis-py's default socket timeout (5 s) equals the layer's blocking receive (5 s), which
    # kills idle receive loops; and its default pool (100) is too small for thousands of sockets.
    CHANNEL_LAYERS = {"default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 30,
                              "max_connections": 10000}],
                   "prefix": "uitweg"},
    }}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Background tasks. "default" runs inline (what Wagtail's own tasks expect); "estimates" is a
# queue in the database for the estimate of the hidden number (ADR 0076), worked by
# ``manage.py db_worker --backend estimates``, which ``make run`` starts beside the web server.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "estimates": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# --- Authentication ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "core:home"

ACCOUNT_ADAPTER = "uitweg.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = env(
    "REAUTHENTICATION_TIMEOUT", 300, cast=int, group="Authentication",
    help="Seconds a re-authentication stays valid for sensitive actions (export, break-glass).")
LOGIN_FAILURES_LIMIT = env("LOGIN_FAILURES_LIMIT", 5, cast=int, group="Authentication",
                           help="Failed logins (password or second factor) for one account from "
                           "one client before each further attempt from that client waits, "
                           "1 s, 2 s, 4 s … up to LOGIN_THROTTLE_MAX_DELAY (ADR 0008).")
ACCOUNT_RATE_LIMITS = {
    # Not allauth's per-account limit: it let strangers lock a staff member out. Failed logins
    # are throttled per (account, client) by uitweg.accounts.throttle instead (ADR 0008).
    "login_failed": None,
    "login": "30/m/ip",
    "reset_password": "5/m/ip,3/m/key",
    "reauthenticate": "10/m/user",
}
MFA_ADAPTER = "uitweg.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_TOTP_ISSUER = SITE_NAME
# The code of the step before or after the current one is accepted too (RFC 6238 §5.2: a code
# typed in the last seconds of its 30-second step reaches the server in the next one). A code is
# still accepted once: allauth remembers used codes for the whole window. The break-glass
# re-authentication (cases.reauth) accepts the same three steps.
MFA_TOTP_TOLERANCE = 1
SESSION_IDLE_TIMEOUT = env("SESSION_IDLE_TIMEOUT", 30 * 60, cast=int, group="Authentication",
                           help="Seconds of inactivity after which a staff session ends.")
SESSION_ABSOLUTE_TIMEOUT = env("SESSION_ABSOLUTE_TIMEOUT", 12 * 3600, cast=int,
                               group="Authentication",
                               help="Seconds after login after which a staff session ends.")
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Security headers ---------------------------------------------------------------------------
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_NAME = "__Host-uitweg-session" if PRODUCTION else "uitweg-session"
CSRF_COOKIE_NAME = "__Host-uitweg-csrf" if PRODUCTION else "uitweg-csrf"
LANGUAGE_COOKIE_NAME = "__Host-uitweg-lang" if PRODUCTION else "uitweg-lang"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# A session cookie (no expiry date): nothing a public form sets outlives the browser session
# on a shared or watched device (issue 9, finding 8; ADR 0027).
CSRF_COOKIE_AGE = None
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "uitweg.core.views.csrf_failure"
SECURE_SSL_REDIRECT = PRODUCTION and env(
    "SECURE_SSL_REDIRECT", True, cast=bool, group="HTTP",
    help="Redirect plain HTTP to HTTPS in production (off when a proxy does it).")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env(
    "BEHIND_TLS_PROXY", False, cast=bool, group="HTTP",
    help="Trust `X-Forwarded-Proto` from the reverse proxy.") else None
TRUSTED_PROXIES = env(
    "TRUSTED_PROXIES", [], cast=list, group="HTTP",
    help="Addresses or networks of the reverse proxies in front of the ASGI server, e.g. "
    "`10.0.0.5,10.0.1.0/24`. Only a request from one of them may name the client in "
    "`X-Forwarded-For` (the rightmost address that is not a trusted proxy counts); from anyone "
    "else the header is ignored. Empty: no proxy is trusted. See docs/deployment.md.")
SECURE_HSTS_SECONDS = 63072000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # no-referrer makes browsers send Origin: null
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("uk", _("Ukrainian")),
    # Only the prevention pages exist in these two; other public URLs redirect (ADR 0092).
    ("ar", _("Arabic")),
    ("nl-b1", _("Easy-read Dutch (B1)")),
    # Only the outreach chat exists in Spanish; other public URLs redirect (ADR 0110).
    ("es", _("Spanish")),
]
#: Languages in which only the prevention pages (uitweg.prevention) are published.
PREVENTION_ONLY_LANGUAGES = ("ar", "nl-b1")
STAFF_LANGUAGES = ("nl", "en")
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Amsterdam", group="General",
                help="Local time zone for display; storage is UTC.")
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [SRC_DIR / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
                    if PRODUCTION else
                    "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Logging: never an IP address ----------------------------------------------------------------
LOG_LEVEL = env("LOG_LEVEL", "INFO", help="Log level of the application loggers.",
                group="General")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_ip": {"()": "uitweg.core.logging.StripClientAddressFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_ip"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # uvicorn logs websocket handshakes with the client address on "uvicorn.error":
        # route its loggers through the address-scrubbing filter too.
        "uvicorn": {"handlers": ["console"], "level": "INFO", "propagate": False,
                    "filters": ["no_ip"]},
        "uvicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False,
                          "filters": ["no_ip"]},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "daphne.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        # Wagtail logs every page save and its background tasks (run inline) at INFO.
        "wagtail": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# --- API -----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "uitweg.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Uitweg partner API",
    "DESCRIPTION": "Authenticated API for partner systems. Every call needs an API key "
    "(`Authorization: Api-Key <key>`) issued to an organisation with scopes.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["uitweg.core.api.partner_api_only"],
}

# --- Platform policy --------------------------------------------------------------------------
HELP_NUMBERS = [
    ("112", _("Emergency: police, fire brigade, ambulance"), "112"),
    ("0900-8844", _("Police (no emergency)"), "09008844"),
    ("0800-7000", _("Meld Misdaad Anoniem (report crime anonymously)"), "08007000"),
    ("0800-0432", _("Kindertelefoon (for children and young people)"), "08000432"),
    ("0800-0113", _("113 Zelfmoordpreventie (suicide prevention)"), "08000113"),
]
QUICK_EXIT_URL = env("QUICK_EXIT_URL", "https://www.google.nl/", group="Public",
                     help="Neutral page the quick-exit control replaces the page with.")
AUDIT_DEFAULT_PURPOSE = "care"
BENCH_AUDIT_LOCK_LOG = env(
    "BENCH_AUDIT_LOCK_LOG", "", group="Benchmarks",
    help="Benchmarks only: a file to which every worker appends, per linking statement of the "
    "access-log sequencer, how long it worked before the chain lock and how long it held it "
    "(PostgreSQL, ADR 0117). Empty: not measured.")

# Forms render with NL Design System classes (templates/django/forms/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- App settings -------------------------------------------------------------------------------
# Each app declares its own settings with env() in ``uitweg/<app>/conf.py`` (no Django imports);
# they become Django settings here, so override_settings works and docs/configuration.md lists
# them.
for _app in ("accounts", "cases", "signals", "chat", "estimation", "monitoring",
             "week"):
    if find_spec(f"uitweg.{_app}") and find_spec(f"uitweg.{_app}.conf"):
        _module = import_module(f"uitweg.{_app}.conf")
        globals().update({k: v for k, v in vars(_module).items() if k.isupper()})

# Demo mode (`make run`, not production): e-mail lands in a local mailbox staff open under
# /staff/week/mailbox/ instead of the console (uitweg.week.mailbox; ADR 0099).
if (DEMO_MODE and not PRODUCTION and find_spec("uitweg.week")
        and globals().get("EMAIL_BACKEND") == "django.core.mail.backends.console.EmailBackend"):
    EMAIL_BACKEND = "uitweg.week.mailbox.DemoMailboxBackend"

# --- Prevention pages: Wagtail CMS (uitweg.prevention, ADR 0090-0094) ---------------------------
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000", group="Public",
                            help="Public base URL of the site, for links in CMS notifications.")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = WAGTAIL_LOCALIZE_CONTENT_LANGUAGES = [  # not es (ADR 0110)
    (code, name) for code, name in LANGUAGES
    if code not in globals().get("CHAT_OUTREACH_ONLY_LANGUAGES", ())]
# One login for staff and editors: our login with its second factor, no Wagtail password pages.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
# No request leaves the server: no update check, no gravatar, no "what's new" feed.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_COMMENTS_ENABLED = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Uploads (ADR 0094): raster images and PDFs only, size-limited, content checked.
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf"]
# Documents and image renditions are sent by uitweg.prevention.views.media_file under MEDIA_URL:
# only files a published page uses, to everyone; the rest to editors only (ADR 0101).
WAGTAILDOCS_SERVE_METHOD = "direct"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "uitweg.prevention.uploads.CheckedDocumentForm"
PREVENTION_MAX_DOCUMENT_SIZE = 20 * 1024 * 1024
# Rendered public pages kept in the cache for anonymous GETs (uitweg.core.pagecache, ADR 0111).
PUBLIC_PAGE_CACHE = env("PUBLIC_PAGE_CACHE", True, cast=bool, group="Public pages",
                        help="Keep rendered information and Week pages in the cache.")
PUBLIC_PAGE_CACHE_SECONDS = env(
    "PUBLIC_PAGE_CACHE_SECONDS", 600, cast=int, group="Public pages",
    help="Longest life of a cached information page (publishing clears it at once).")
PUBLIC_PAGE_CACHE_WEEK_SECONDS = env(
    "PUBLIC_PAGE_CACHE_WEEK_SECONDS", 3, cast=int, group="Public pages",
    help="Longest life of a cached Week programme or event page: the most seconds a "
    "\"places left\" figure can be behind (a registration clears it at once).")
PREVENTION_VIEW_COUNT_FLUSH_SECONDS = env(
    "PREVENTION_VIEW_COUNT_FLUSH_SECONDS", 2 if PRODUCTION else 0, cast=int,
    group="Public pages", doc_default="2 in production, else 0",
    help="Page views are added up in the worker and written every this many seconds "
    "(0: every view at once).")
MEDIA_ROOT = BASE_DIR / "var" / "media"
MEDIA_URL = "/werken-in-nederland/media/"

"""Which URLs are public: moved to :mod:`uitweg.core.access` (core imports no app; the privacy
middleware needs it). Re-exported here because every app's views import ``public`` from here."""

from uitweg.core.access import (  # noqa: F401
    MFA_SETUP_URL_NAMES,
    PUBLIC_URL_NAMES,
    is_public_view,
    public,
)

"""Create a staff member with TOTP and a logged-in session that passed MFA (tests, bench)."""

from __future__ import annotations

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from uitweg.accounts import totp
from uitweg.accounts.middleware import LAST_SEEN, LOGIN_AT
from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import OrganisationKind


def make_staff_session(username: str, roles: list[str]) -> dict:
    organisation, _ = Organisation.objects.get_or_create(
        name="Chat test organisation",
        defaults={"kind": OrganisationKind.MUNICIPALITY, "region": "Haaglanden"})
    user, created = User.objects.get_or_create(
        username=username, defaults={"organisation": organisation, "roles": roles})
    if created:
        user.set_password("correct-horse-battery-staple-42")
        user.save()
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    secret = decrypt(authenticator.data["secret"]) if authenticator else totp.enrol(user)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[LOGIN_AT] = time.time()
    session[LAST_SEEN] = time.time()
    session.create()
    return {"user_id": user.pk, "totp_secret": secret,
            "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"}

"""allauth's second-factor step with the same (account, client) throttle as the password step."""

from __future__ import annotations

from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm
from django.core.exceptions import ValidationError

from uitweg.accounts import throttle
from uitweg.accounts.adapter import too_many_attempts


class ThrottledAuthenticateForm(AuthenticateForm):
    def clean_code(self) -> str:
        request = context.request
        login = self.user.get_username()
        wait = throttle.wait_seconds(request, step=throttle.SECOND_FACTOR, login=login)
        if wait:
            raise too_many_attempts(wait)
        try:
            code = super().clean_code()
        except ValidationError:
            throttle.failed(request, step=throttle.SECOND_FACTOR, login=login)
            raise
        throttle.succeeded(request, step=throttle.SECOND_FACTOR, login=login)
        return code

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from uitweg.accounts import services
from uitweg.accounts.access import public
from uitweg.accounts.forms import SetPasswordForm
from uitweg.accounts.models import User


def mfa_required(request):
    """Shown to a staff member until a second factor is enrolled."""
    return render(request, "accounts/mfa_required.html")


def _user_from_token(uidb64: str, token: str) -> User | None:
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        return None
    if (user.has_usable_password() or not user.is_active
            or not default_token_generator.check_token(user, token)):
        return None
    return user


@public
@never_cache
@sensitive_post_parameters("password1", "password2")
def accept_invitation(request, uidb64: str, token: str):
    user = _user_from_token(uidb64, token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=400)
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_invitation(user=user, password=form.cleaned_data["password1"])
        except ValidationError as exc:
            form.add_error("password1", exc)
        else:
            messages.success(request, _("Your password is set. Log in, then set up your "
                                        "second factor."))
            return redirect("account_login")
    return render(request, "accounts/accept_invitation.html", {"form": form, "invitee": user})

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
from uitweg.accounts.forms import InviteForm, SetPasswordForm, StaffRolesForm
from uitweg.accounts.models import User
from uitweg.accounts.permissions import role_required
from uitweg.accounts.roles import Role
from uitweg.audit.views import audited, get_visible_or_404, log_search, log_view


def mfa_required(request):
    """Shown to a staff member until a second factor is enrolled."""
    return render(request, "accounts/mfa_required.html")


@role_required(Role.FUNCTIONAL_ADMIN)
@audited
def staff_list(request):
    users = list(User.objects.visible_to(request.user).filter(organisation__isnull=False)
                 .order_by("organisation__name", "username"))
    log_search(request, User, users, purpose="staff administration")
    return render(request, "accounts/staff_list.html", {"users": users})


@role_required(Role.FUNCTIONAL_ADMIN)
@audited
def staff_detail(request, pk: int):
    staff = get_visible_or_404(request, User.objects.all(), pk=pk)
    form = StaffRolesForm(request.POST or None, initial={"roles": staff.roles,
                                                         "active": staff.is_active})
    if request.method == "POST" and form.is_valid():
        services.update_staff_roles(by=request.user, user=staff,
                                    roles=form.cleaned_data["roles"],
                                    active=form.cleaned_data["active"])
        messages.success(request, _("The account has been updated."))
        return redirect("accounts:staff_list")
    log_view(request, staff, purpose="staff administration")
    return render(request, "accounts/staff_detail.html", {"staff": staff, "form": form})


@role_required(Role.FUNCTIONAL_ADMIN)
def invite(request):
    form = InviteForm(request.POST or None)
    invitation = None
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_staff(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Invitation created. Send the link below to %(user)s "
                                        "through a trusted channel.")
                             % {"user": invitation.user.username})
    link = request.build_absolute_uri(invitation.path) if invitation else None
    return render(request, "accounts/invite.html", {"form": form, "link": link})


def _user_from_token(uidb64: str, token: str) -> User | None:
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        return None
    if user.has_usable_password() or not default_token_generator.check_token(user, token):
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

"""Staff administration pages: an organisation's administrators manage its people (ADR 0006).

Reads go through ``visible_to`` (the functional administrator sees every account, read only);
changes go through ``manageable_by`` (own organisation, organisation administrators only), so an
account outside it answers 404 with a denied access-log entry, like any record one may not see.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from uitweg.accounts import services, staff_rules
from uitweg.accounts.forms import InviteForm, StaffRolesForm
from uitweg.accounts.models import AccountEvent, Organisation, RoleGrant, User
from uitweg.accounts.permissions import role_required
from uitweg.accounts.roles import Role
from uitweg.audit.models import Action
from uitweg.audit.service import record_denied
from uitweg.audit.views import audited, get_visible_or_404, get_within_or_404, log_search, log_view

PURPOSE = services.PURPOSE
staff_admins = role_required(Role.ORG_ADMIN, Role.FUNCTIONAL_ADMIN)
org_admins = role_required(Role.ORG_ADMIN)


def _with_mfa(queryset):
    return queryset.annotate(has_mfa=Exists(Authenticator.objects.filter(user=OuterRef("pk"))))


def _org_notice(request) -> dict:
    """What the page says about four eyes in the administrator's organisation."""
    if not request.user.has_role(Role.ORG_ADMIN) or request.user.organisation is None:
        return {}
    return {"single_admin": services.active_admin_count(
        organisation=request.user.organisation) < 2,
        "single_admin_text": services.REFUSALS[staff_rules.SINGLE_ADMIN]}


@staff_admins
@audited
def staff_list(request):
    users = list(_with_mfa(User.objects.visible_to(request.user)
                           .filter(organisation__isnull=False))
                 .order_by("organisation__name", "last_name", "username"))
    log_search(request, User, users, purpose=PURPOSE)
    pending = RoleGrant.objects.visible_to(request.user).pending().count()
    return render(request, "accounts/staff_list.html", {
        "users": users, "pending": pending, "may_manage": request.user.has_role(Role.ORG_ADMIN),
        **_org_notice(request)})


def _manageable(request, pk: int) -> User:
    """An account the user may change; otherwise 404 and a denied entry (never says why)."""
    return get_within_or_404(User.objects.manageable_by(request.user), action=Action.UPDATE,
                             pk=pk)


def _refused(request, exc: services.Refused, obj) -> None:
    """Say why, and write the denied entry (the service's work was rolled back)."""
    record_denied(request, action=Action.UPDATE, object_type=obj._meta.label_lower,
                  object_id=str(obj.pk), purpose=PURPOSE, reason=exc.code)
    messages.error(request, exc.message)


@staff_admins
@audited
def staff_detail(request, pk: int):
    if request.method == "POST":
        staff = _manageable(request, pk)
        form = StaffRolesForm(request.POST)
        if form.is_valid():
            try:
                pending = services.update_staff_roles(by=request.user, user=staff,
                                                      roles=form.cleaned_data["roles"])
            except services.Refused as exc:
                _refused(request, exc, staff)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The account has been updated."))
                if pending:
                    messages.info(request, ngettext(
                        "%(count)d role waits for a second administrator's approval.",
                        "%(count)d roles wait for a second administrator's approval.",
                        len(pending)) % {"count": len(pending)})
                return redirect("accounts:staff_detail", pk=staff.pk)
    staff = get_visible_or_404(request, _with_mfa(User.objects.all()), pk=pk)
    may_manage = User.objects.manageable_by(request.user).filter(pk=staff.pk).exists()
    if request.method != "POST":
        form = StaffRolesForm(initial={"roles": staff.roles})
    grants = list(RoleGrant.objects.filter(user=staff).select_related("requested_by",
                                                                     "decided_by"))
    log_view(request, staff, purpose=PURPOSE)
    return render(request, "accounts/staff_detail.html", {
        "staff": staff, "form": form if may_manage else None, "may_manage": may_manage,
        "grants": grants, **_org_notice(request)})


@require_POST
@org_admins
@audited
def staff_deactivate(request, pk: int):
    staff = _manageable(request, pk)
    try:
        services.deactivate_staff(by=request.user, user=staff)
    except services.Refused as exc:
        _refused(request, exc, staff)
    else:
        messages.success(request, _("The account has been deactivated. Roles with access to "
                                    "personal data were removed; reactivating does not bring "
                                    "them back without a new approval."))
    return redirect("accounts:staff_detail", pk=staff.pk)


@require_POST
@org_admins
@audited
def staff_reactivate(request, pk: int):
    staff = _manageable(request, pk)
    try:
        services.reactivate_staff(by=request.user, user=staff)
    except services.Refused as exc:
        _refused(request, exc, staff)
    else:
        messages.success(request, _("The account has been reactivated."))
    return redirect("accounts:staff_detail", pk=staff.pk)


def _set_up_organisations():
    """Organisations the functional administrator may still invite administrators into."""
    staff = {}
    for org_id, roles in User.objects.values_list("organisation_id", "roles"):
        staff.setdefault(org_id, []).append(roles)
    ids = [o for o in Organisation.objects.filter(active=True).values_list("pk", flat=True)
           if staff_rules.in_set_up(staff.get(o, []))]
    return Organisation.objects.filter(pk__in=ids)


@staff_admins
def invite(request):
    own = request.user.organisation if request.user.has_role(Role.ORG_ADMIN) else None
    form = InviteForm(request.POST or None, organisation=own,
                      set_up=None if own else _set_up_organisations())
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_staff(
                by=request.user, link_base=request.build_absolute_uri("/"),
                **form.cleaned_data)
        except services.Refused as exc:
            org = form.cleaned_data["organisation"]
            record_denied(request, action=Action.CREATE, object_type="accounts.organisation",
                          object_id=str(org.pk), purpose=PURPOSE, reason=exc.code)
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Invitation sent to %(email)s. The link in it is valid "
                                        "for 3 days and works once.")
                             % {"email": invitation.user.email})
            if invitation.pending:
                messages.info(request, ngettext(
                    "%(count)d role waits for a second administrator's approval.",
                    "%(count)d roles wait for a second administrator's approval.",
                    len(invitation.pending)) % {"count": len(invitation.pending)})
            return redirect("accounts:staff_list")
    return render(request, "accounts/invite.html", {"form": form, **_org_notice(request)})


@org_admins
@audited
def role_requests(request):
    grants = list(RoleGrant.objects.visible_to(request.user).pending()
                  .select_related("user", "requested_by"))
    log_search(request, RoleGrant, grants, purpose=PURPOSE)
    return render(request, "accounts/role_requests.html", {
        "grants": grants, **_org_notice(request)})


@require_POST
@org_admins
@audited
def role_decide(request, pk: int, decision: str):
    grant = get_visible_or_404(request, RoleGrant.objects.select_related("user"),
                               action=Action.UPDATE, pk=pk)
    try:
        if decision == "approve":
            services.approve_role(by=request.user, grant=grant)
            messages.success(request, _("Approved: %(user)s now has the role %(role)s.")
                             % {"user": grant.user.username, "role": grant.role_label})
        else:
            services.reject_role(by=request.user, grant=grant)
            messages.success(request, _("The request has been turned down."))
    except services.Refused as exc:
        _refused(request, exc, grant)
    return redirect("accounts:role_requests")


@org_admins
@audited
def account_changes(request):
    events = (AccountEvent.objects.visible_to(request.user)
              .select_related("user", "by"))
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    log_search(request, AccountEvent, page.object_list, purpose=PURPOSE)
    return render(request, "accounts/account_changes.html", {"page": page})

"""Pages of the functional administrator: routing rules and partner API keys (no personal data)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from uitweg.accounts.permissions import role_required
from uitweg.accounts.roles import Role
from uitweg.signals import services
from uitweg.signals.forms import ApiKeyForm, RoutingRuleForm
from uitweg.signals.models import ApiKey, RoutingRule

admin_only = role_required(Role.FUNCTIONAL_ADMIN)


@admin_only
def rules(request, pk=None):
    rule = get_object_or_404(RoutingRule, pk=pk) if pk else None
    if request.method == "POST":
        form = RoutingRuleForm(request.POST, instance=rule)
        if form.is_valid():
            try:
                services.save_routing_rule(by=request.user, rule=form.save(commit=False))
            except services.SignalError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Routing rule saved."))
                return redirect("signals:rules")
    else:
        form = RoutingRuleForm(instance=rule)
    return render(request, "signals/staff/rules.html", {
        "rules": RoutingRule.objects.select_related("organisation"),
        "form": form, "editing": rule,
    })


@admin_only
@require_POST
def rule_delete(request, pk):
    services.delete_routing_rule(by=request.user, rule_id=pk)
    messages.success(request, _("Routing rule deleted."))
    return redirect("signals:rules")


@admin_only
def api_keys(request):
    new_key = None
    if request.method == "POST":
        form = ApiKeyForm(request.POST)
        if form.is_valid():
            _key, new_key = services.issue_api_key(
                by=request.user, organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"], scopes=form.cleaned_data["scopes"])
            form = ApiKeyForm()
    else:
        form = ApiKeyForm()
    return render(request, "signals/staff/api_keys.html", {
        "keys": ApiKey.objects.select_related("organisation"), "form": form,
        "new_key": new_key,
    })


@admin_only
@require_POST
def api_key_revoke(request, pk):
    services.revoke_api_key(by=request.user, key_id=pk)
    messages.success(request, _("API key revoked."))
    return redirect("signals:api_keys")

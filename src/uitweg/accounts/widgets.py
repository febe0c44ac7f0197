"""Dashboard widget: role requests another administrator of your organisation asked you to decide.

Four eyes only works when the second administrator notices the request; this puts it on their
dashboard (never on the requester's, who cannot approve it)."""

from __future__ import annotations

from django.db.models import Q

from uitweg.accounts.models import RoleGrant
from uitweg.core.registry import WidgetResult

LIMIT = 10


def role_requests(request) -> WidgetResult | None:
    user = request.user
    grants = list(RoleGrant.objects.visible_to(user).pending()
                  .exclude(Q(requested_by=user) | Q(user=user))
                  .select_related("user", "requested_by")[:LIMIT])
    if not grants:
        return None
    return WidgetResult("accounts/widgets/role_requests.html", {"grants": grants},
                        records=[("accounts.user", g.user_id) for g in grants])

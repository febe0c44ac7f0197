"""The access log's part of every request: where entries come from, and refused requests.

- Everything the request writes to the access log — also from service functions that only get
  ``by=user`` — names the request's access point (the path, or ``api:<path>``) and the
  truncated client network (:mod:`uitweg.audit.context`).
- A refusal raised anywhere in a view (``PermissionDenied`` → 403, :class:`NotVisible` → 404)
  that the audited wrapper did not already log writes one denied entry. Django calls
  ``process_exception`` after the view's transaction was rolled back, so the entry stays.
"""

from __future__ import annotations

from uitweg.audit.context import access_point, request_access_point
from uitweg.audit.service import request_client_address
from uitweg.audit.views import log_refusal

PATH = "uitweg.audit.middleware.AuditMiddleware"


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with access_point(request_access_point(request),
                          client_address=request_client_address(request)):
            return self.get_response(request)

    def process_exception(self, request, exception):
        log_refusal(request, exception)
        return None  # Django answers 403/404 as usual

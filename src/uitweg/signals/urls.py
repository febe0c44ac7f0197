from django.urls import include, path

from uitweg.signals import views_admin, views_public, views_staff
from uitweg.signals.api import views as api

staff = [
    path("", views_staff.signal_list, name="list"),
    path("new/", views_staff.intake, name="intake"),
    path("recurring/", views_staff.recurring_view, name="recurring"),
    path("rules/", views_admin.rules, name="rules"),
    path("rules/<int:pk>/", views_admin.rules, name="rule_edit"),
    path("rules/<int:pk>/delete/", views_admin.rule_delete, name="rule_delete"),
    path("api-keys/", views_admin.api_keys, name="api_keys"),
    path("api-keys/<int:pk>/revoke/", views_admin.api_key_revoke, name="api_key_revoke"),
    path("<str:reference>/", views_staff.signal_detail, name="detail"),
    path("<str:reference>/triage/", views_staff.triage_view, name="triage"),
    path("<str:reference>/assign/", views_staff.assign_view, name="assign"),
    path("<str:reference>/start/", views_staff.start_view, name="start"),
    path("<str:reference>/close/", views_staff.close_view, name="close"),
    path("<str:reference>/convert/", views_staff.convert_view, name="convert"),
    path("<str:reference>/link/", views_staff.link_view, name="link"),
    path("<str:reference>/dismiss/", views_staff.dismiss_view, name="dismiss"),
]

public = [
    path("report/", views_public.report, name="report"),
    path("report/status/", views_public.status, name="status"),
    path("report/sent/<str:token>/", views_public.sent, name="sent"),
]

api_patterns = [
    path("schema/", api.Schema.as_view(), name="schema"),
    path("signals/", api.SignalCollection.as_view(), name="signals"),
    path("signals/<str:reference>/", api.SignalItem.as_view(), name="signal"),
]

staff_urlpatterns = [path("staff/signals/", include((staff, "signals")))]
public_urlpatterns = [path("", include((public, "signals_public")))]
api_urlpatterns = [path("api/v1/", include((api_patterns, "signals_api")))]

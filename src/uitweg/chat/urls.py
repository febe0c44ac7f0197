from django.urls import include, path

from uitweg.chat import views

app_name = "chat"

_staff = [
    path("", views.console, name="console"),
    path("queue/", views.queue_partial, name="queue"),
    path("pick/", views.pick, name="pick"),
    path("overview/", views.overview, name="overview"),
    path("statistics/", views.statistics, name="statistics"),
    path("canned/", views.canned, name="canned"),
    path("canned/<int:pk>/", views.canned, name="canned_edit"),
    path("handover/", views.handover_lookup, name="handover"),
    path("c/<uuid:public_id>/", views.conversation, name="conversation"),
    path("c/<uuid:public_id>/<slug:name>/", views.action, name="action"),
]
_public = [
    path("chat/", views.youth, name="youth"),
    path("chat/end/", views.end_by_token, name="end"),
]

staff_urlpatterns = [path("staff/chat/", include((_staff, "chat")))]
public_urlpatterns = [path("", include((_public, "chat_public")))]

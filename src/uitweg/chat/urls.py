from django.urls import include, path

from uitweg.chat import views, views_actions, views_outreach

app_name = "chat"

_staff = [
    path("", views.console, name="console"),
    path("queue/", views.queue_partial, name="queue"),
    path("pick/", views.pick, name="pick"),
    path("panel/", views.panel, name="panel"),
    path("overview/", views.overview, name="overview"),
    path("statistics/", views.statistics, name="statistics"),
    path("canned/", views.canned, name="canned"),
    path("canned/<int:pk>/", views.canned, name="canned_edit"),
    path("handover/", views.handover_lookup, name="handover"),
    path("invite/", views_outreach.invite, name="invite"),
    path("c/<uuid:public_id>/", views.conversation, name="conversation"),
    # what a counsellor does on a chat: one small view per action (POST only)
    path("c/<uuid:public_id>/join/", views_actions.join, name="join"),
    path("c/<uuid:public_id>/note/", views_actions.note, name="note"),
    path("c/<uuid:public_id>/risk/", views_actions.risk, name="risk"),
    path("c/<uuid:public_id>/escalate/", views_actions.escalate, name="escalate"),
    path("c/<uuid:public_id>/transfer/", views_actions.transfer, name="transfer"),
    path("c/<uuid:public_id>/block/", views_actions.block, name="block"),
    path("c/<uuid:public_id>/handover/", views_actions.handover, name="give_handover"),
    path("c/<uuid:public_id>/signal/", views_actions.signal, name="signal"),
    path("c/<uuid:public_id>/end/", views_actions.end_and_register, name="end"),
]
_public = [
    path("chat/", views.youth, name="youth"),
    path("chat/end/", views.end_by_token, name="end"),
    path("chat/outreach/", views_outreach.outreach_page, name="outreach"),
]

staff_urlpatterns = [path("staff/chat/", include((_staff, "chat")))]
public_urlpatterns = [path("", include((_public, "chat_public")))]

from django.urls import path

from uitweg.accounts import views, views_session, views_staff

app_name = "accounts"
urlpatterns = [
    path("mfa-required/", views.mfa_required, name="mfa_required"),
    path("session/stay/", views_session.session_stay, name="session_stay"),
    path("staff/", views_staff.staff_list, name="staff_list"),
    path("staff/invite/", views_staff.invite, name="invite"),
    path("staff/<int:pk>/", views_staff.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/deactivate/", views_staff.staff_deactivate, name="staff_deactivate"),
    path("staff/<int:pk>/reactivate/", views_staff.staff_reactivate, name="staff_reactivate"),
    path("staff/requests/", views_staff.role_requests, name="role_requests"),
    path("staff/requests/<int:pk>/approve/", views_staff.role_decide,
         {"decision": "approve"}, name="role_approve"),
    path("staff/requests/<int:pk>/reject/", views_staff.role_decide,
         {"decision": "reject"}, name="role_reject"),
    path("staff/changes/", views_staff.account_changes, name="account_changes"),
    path("invitation/<uidb64>/<token>/", views.accept_invitation, name="accept_invitation"),
]

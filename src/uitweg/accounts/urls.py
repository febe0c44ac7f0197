from django.urls import path

from uitweg.accounts import views

app_name = "accounts"
urlpatterns = [
    path("mfa-required/", views.mfa_required, name="mfa_required"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/invite/", views.invite, name="invite"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("invitation/<uidb64>/<token>/", views.accept_invitation, name="accept_invitation"),
]

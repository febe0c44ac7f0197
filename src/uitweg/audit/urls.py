from django.urls import path

from uitweg.audit import views_log

app_name = "audit"
urlpatterns = [
    path("<str:object_type>/<str:object_id>/", views_log.record_log, name="record_log"),
]

from django.urls import include, path

from . import views, views_public

staff = [
    path("", views.actions, name="actions"),
    path("new/", views.action_edit, name="action_add"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:action_pk>/", views.action, name="action"),
    path("<int:action_pk>/edit/", views.action_edit, name="action_edit"),
    path("<int:action_pk>/status/", views.status, name="status"),
    path("<int:action_pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("milestones/<int:milestone_pk>/", views.milestone_mark, name="milestone_mark"),
    path("<int:action_pk>/indicators/", views.indicator_add, name="indicator_add"),
    path("<int:action_pk>/indicators/<int:indicator_pk>/values/", views.value_record,
         name="value_record"),
]

staff_urlpatterns = [path("staff/programme/", include((staff, "programme")))]
public_urlpatterns = [path("actieprogramma/", include(
    ([path("", views_public.index, name="index")], "programme_public")))]

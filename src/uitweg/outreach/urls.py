from django.urls import include, path

from uitweg.outreach import views, views_lead

staff = [
    path("", views.worklist, name="worklist"),
    path("known-before/", views.known_before, name="known_before"),
    path("rounds/start/", views.round_start, name="round_start"),
    path("rounds/<int:round_pk>/", views.round_detail, name="round"),
    path("rounds/<int:round_pk>/contacts/", views.contact_add, name="contact_add"),
    path("rounds/<int:round_pk>/close/", views.round_close, name="round_close"),
    path("contacts/<int:contact_pk>/", views.contact_detail, name="contact"),
    path("contacts/<int:contact_pk>/reveal/", views.contact_reveal, name="contact_reveal"),
    path("contacts/<int:contact_pk>/update/", views.contact_update, name="contact_update"),
    path("contacts/<int:contact_pk>/signal/", views.contact_signal, name="contact_signal"),
    path("contacts/<int:contact_pk>/refer/", views.contact_refer, name="contact_refer"),
    path("templates/", views_lead.templates, name="templates"),
    path("templates/new/", views_lead.template_add, name="template_add"),
    path("templates/<int:template_pk>/", views_lead.template_edit, name="template_edit"),
    path("platforms/new/", views_lead.platform_add, name="platform_add"),
    path("platforms/<int:platform_pk>/toggle/", views_lead.platform_toggle,
         name="platform_toggle"),
    path("figures/", views_lead.figures, name="figures"),
    path("figures.csv", views_lead.figures_csv, name="figures_csv"),
]

staff_urlpatterns = [path("staff/outreach/", include((staff, "outreach")))]

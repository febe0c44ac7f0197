from django.urls import include, path

from uitweg.monitoring import views, views_estimate

staff = [
    path("", views.figures, name="figures"),
    path("figures.csv", views.figures_csv, name="figures_csv"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("estimate/", views_estimate.estimate_index, name="estimate"),
    path("estimate/methods/", views_estimate.estimate_methods, name="estimate_methods"),
    path("estimate/<int:pk>/", views_estimate.estimate_run, name="estimate_run"),
    path("estimate/<int:pk>/progress/", views_estimate.estimate_progress,
         name="estimate_progress"),
]

staff_urlpatterns = [path("staff/monitoring/", include((staff, "monitoring")))]

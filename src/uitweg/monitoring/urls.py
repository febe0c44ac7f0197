from django.urls import include, path

from uitweg.monitoring import views

staff = [
    path("", views.figures, name="figures"),
    path("figures.csv", views.figures_csv, name="figures_csv"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
]

staff_urlpatterns = [path("staff/monitoring/", include((staff, "monitoring")))]

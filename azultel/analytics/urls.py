from django.urls import path

from azultel.analytics import views

app_name = "analytics"

urlpatterns = [
    path("staff/stats/", views.dashboard, name="dashboard"),
    path("staff/stats/export.csv", views.export_csv, name="export_csv"),
    path("staff/stats/partner-report.csv", views.export_partner, name="export_partner"),
    path("stats/timing", views.timing_beacon, name="timing"),
    # Answers 404 unless settings.BENCH_TRIVIAL_VIEW is on (make bench).
    path("bench-trivial/", views.bench_trivial, name="bench_trivial"),
]

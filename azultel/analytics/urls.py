from django.urls import path

from azultel.analytics import views
from azultel.core.staff_pages import staff_page

app_name = "analytics"

urlpatterns = [
    path("staff/stats/", staff_page(views.dashboard), name="dashboard"),
    path("staff/stats/export.csv", staff_page(views.export_csv), name="export_csv"),
    path("staff/stats/partner-report.csv", staff_page(views.export_partner), name="export_partner"),
    path("stats/timing", views.timing_beacon, name="timing"),
    # Answers 404 unless settings.BENCH_TRIVIAL_VIEW is on (make bench).
    path("bench-trivial/", views.bench_trivial, name="bench_trivial"),
]

"""Every portal URL, then the bench's bare views under /bench/ (bench.load.settings only).

The bench's views come last, as any view added to the project would: resolving their URL
costs at least what resolving the portal's does.
"""

from django.urls import path

from bench.floorapp import views as floor
from portal.urls import urlpatterns as portal_urlpatterns

from . import bare

urlpatterns = [
    *portal_urlpatterns,
    path("bench/replay/", bare.replay, name="bench-replay"),
    path("bench/trivial/", bare.trivial, name="bench-trivial"),
    path("bench/floor/tasks/", floor.task_page, name="bench-floor-tasks"),
    path("bench/floor/reports/", floor.report_page, name="bench-floor-reports"),
    path("bench/floor/public/", floor.public_page, name="bench-floor-public"),
    path("bench/floor/api/tasks/", floor.task_api, name="bench-floor-api-tasks"),
    path("bench/floor/api/entries/", floor.entry_api, name="bench-floor-api-entries"),
]

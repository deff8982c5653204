"""Every portal URL, then the bench's bare views under /bench/ (bench.load.settings only).

The bench's views come last, as any view added to the project would: resolving their URL
costs at least what resolving the portal's does.
"""

from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

from . import bare

urlpatterns = [
    *portal_urlpatterns,
    path("bench/replay/", bare.replay, name="bench-replay"),
    path("bench/trivial/", bare.trivial, name="bench-trivial"),
]

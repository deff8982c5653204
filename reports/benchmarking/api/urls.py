"""API routes of benchmarking."""

from rest_framework.routers import SimpleRouter

from reports.benchmarking.api import views

router = SimpleRouter()
router.register("benchmark-tables", views.BenchmarkTableViewSet, basename="benchmark-table")
router.register("benchmark-entries", views.BenchmarkEntryViewSet, basename="benchmark-entry")
router.register("product-rows", views.ProductRowViewSet, basename="product-row")

urlpatterns = [*router.urls]

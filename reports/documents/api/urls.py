"""API routes of the documents: /api/v1/documents/ (request, poll, download, retry)."""

from rest_framework.routers import SimpleRouter

from reports.documents.api import views as documents

router = SimpleRouter()
router.register("documents", documents.DocumentViewSet, basename="api-document")

urlpatterns = router.urls

"""API routes of the campaign set-up: /api/v1/campaign-setup/."""

from rest_framework.routers import SimpleRouter

from reports.campaigns.api import views

router = SimpleRouter()
router.register("campaign-setup", views.CampaignSetupViewSet, basename="api-campaign-setup")

urlpatterns = router.urls

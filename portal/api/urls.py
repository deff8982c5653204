from django.urls import path
from rest_framework.routers import SimpleRouter

from portal.jobs.api import DocumentJobViewSet
from portal.notifications.api import NoticeViewSet

from . import views
from .token import ApiTokenViewSet, ObtainTokenView

router = SimpleRouter()
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("notices", NoticeViewSet, basename="api-notice")
router.register("jobs", DocumentJobViewSet, basename="api-job")
router.register("auth/tokens", ApiTokenViewSet, basename="api-tokens")

urlpatterns = [
    path("me/", views.me, name="api-me"),
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    *router.urls,
]

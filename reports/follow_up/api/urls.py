"""API routes of the follow-up (跟踪服务): /api/v1/follow-ups/ and the realization rates."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from reports.follow_up.api import views

router = SimpleRouter()
router.register("follow-ups", views.FollowUpViewSet, basename="follow-up")

urlpatterns = [
    path("realization/", views.realization, name="api-realization"),
    *router.urls,
]

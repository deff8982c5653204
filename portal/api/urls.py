from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("notices", views.NoticeViewSet, basename="api-notice")
router.register("jobs", views.DocumentJobViewSet, basename="api-job")

urlpatterns = [
    path("me/", views.me, name="api-me"),
    path("auth/token/", obtain_auth_token, name="api-token"),
    *router.urls,
]

from django.urls import path
from rest_framework.routers import SimpleRouter

from portal.jobs.api import DocumentJobViewSet
from portal.notifications.api import NoticeViewSet

from . import views
from .accounts import AccountViewSet, InvitationViewSet, PasswordResetRequestView
from .root import ApiRootView
from .token import ApiTokenViewSet, ObtainTokenView

router = SimpleRouter()
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("notices", NoticeViewSet, basename="api-notice")
router.register("jobs", DocumentJobViewSet, basename="api-job")
router.register("auth/tokens", ApiTokenViewSet, basename="api-tokens")
router.register("accounts", AccountViewSet, basename="api-account")
router.register("invitations", InvitationViewSet, basename="api-invitation")

urlpatterns = [
    path("", ApiRootView.as_view(), name="api-root"),
    path("me/", views.me, name="api-me"),
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("auth/password-reset/", PasswordResetRequestView.as_view(), name="api-password-reset"),
    *router.urls,
]

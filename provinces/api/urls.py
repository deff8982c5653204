from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("organizers", views.OrganizerViewSet, basename="organizer")
router.register("submissions", views.SubmissionViewSet, basename="submission")

urlpatterns = router.urls

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("organizers", views.OrganizerViewSet, basename="organizer")
router.register("submissions", views.SubmissionViewSet, basename="submission")
router.register("plans", views.PlanViewSet, basename="plan")

urlpatterns = router.urls

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("industries", views.IndustryViewSet, basename="industry")
router.register("enterprises", views.EnterpriseViewSet, basename="enterprise")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("letters", views.TaskLetterViewSet, basename="letter")
router.register("published-lists", views.PublishedListViewSet, basename="published-list")

urlpatterns = router.urls

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("industries", views.IndustryViewSet, basename="industry")
router.register("enterprises", views.EnterpriseViewSet, basename="enterprise")
router.register("tasks", views.TaskViewSet, basename="task")

urlpatterns = router.urls

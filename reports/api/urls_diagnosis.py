"""API routes of diagnosis reports, their rows, follow-up and reference tables."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import diagnosis, follow_up

router = SimpleRouter()
router.register("reports", diagnosis.ReportViewSet, basename="report")
router.register("energy-uses", diagnosis.EnergyUseViewSet, basename="energy-use")
router.register("equipment", diagnosis.EquipmentViewSet, basename="equipment")
router.register("measures", diagnosis.MeasureViewSet, basename="measure")
router.register("follow-ups", follow_up.FollowUpViewSet, basename="follow-up")
router.register("measure-categories", follow_up.MeasureCategoryViewSet, basename="measure-category")
router.register("grading-tables", follow_up.GradingTableViewSet, basename="grading-table")

urlpatterns = [
    path("report-overview/", follow_up.overview, name="api-report-overview"),
    path("realization/", follow_up.realization, name="api-realization"),
    *router.urls,
]

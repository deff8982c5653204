"""API routes of diagnosis reports, their rows, the campaign overview and reference tables."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from reports.diagnosis.api import overview
from reports.diagnosis.api import views as diagnosis

router = SimpleRouter()
router.register("reports", diagnosis.ReportViewSet, basename="report")
router.register("energy-uses", diagnosis.EnergyUseViewSet, basename="energy-use")
router.register("equipment", diagnosis.EquipmentViewSet, basename="equipment")
router.register("measures", diagnosis.MeasureViewSet, basename="measure")
router.register("measure-categories", overview.MeasureCategoryViewSet, basename="measure-category")
router.register("grading-tables", overview.GradingTableViewSet, basename="grading-table")

urlpatterns = [
    path("report-overview/", overview.overview, name="api-report-overview"),
    path("equipment-fields/", overview.equipment_fields, name="api-equipment-fields"),
    *router.urls,
]

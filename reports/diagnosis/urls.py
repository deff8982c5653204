"""Report pages: task list, editor/acceptance page, file, rows, moves, feedback, overview."""

from django.urls import path

from reports.diagnosis.views import acceptance, grading_tables, rows
from reports.diagnosis.views import report as diagnosis

urlpatterns = [
    path("", diagnosis.report_list, name="report-list"),
    path("overview/", acceptance.overview, name="overview"),
    path("grading-tables/", grading_tables.grading_table_list_view, name="grading-tables"),
    path("grading-tables/<int:pk>/", grading_tables.grading_table_detail, name="grading-table"),
    path("tasks/<int:pk>/", diagnosis.report_detail, name="report-detail"),
    path("tasks/<int:pk>/file/", diagnosis.report_file, name="report-file"),
    path("tasks/<int:pk>/download/", diagnosis.report_download, name="report-download"),
    path("tasks/<int:pk>/general/", diagnosis.report_general, name="report-general"),
    path("tasks/<int:pk>/rows/<str:kind>/", rows.row_add, name="row-add"),
    path("tasks/<int:pk>/rows/<str:kind>/<int:row_pk>/", rows.row_show, name="row-show"),
    path("tasks/<int:pk>/rows/<str:kind>/<int:row_pk>/edit/", rows.row_edit, name="row-edit"),
    path(
        "tasks/<int:pk>/rows/<str:kind>/<int:row_pk>/remove/",
        rows.row_remove,
        name="row-remove",
    ),
    path("tasks/<int:pk>/submit/", diagnosis.report_submit_view, name="report-submit"),
    path("tasks/<int:pk>/feedback/", acceptance.feedback, name="feedback"),
    path("tasks/<int:pk>/decide/", acceptance.report_decide_view, name="report-decide"),
    path("tasks/<int:pk>/excellent/", acceptance.report_excellent, name="report-excellent"),
]

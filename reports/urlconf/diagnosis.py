"""Report pages: task list, editor/acceptance page, file, rows, moves, follow-up, overviews."""

from django.urls import path

from reports.views import acceptance, diagnosis, follow_up

urlpatterns = [
    path("", diagnosis.report_list, name="report-list"),
    path("overview/", acceptance.overview, name="overview"),
    path("realization/", follow_up.realization, name="realization"),
    path("tasks/<int:pk>/", diagnosis.report_detail, name="report-detail"),
    path("tasks/<int:pk>/file/", diagnosis.report_file, name="report-file"),
    path("tasks/<int:pk>/download/", diagnosis.report_download, name="report-download"),
    path("tasks/<int:pk>/general/", diagnosis.report_general, name="report-general"),
    path("tasks/<int:pk>/rows/<str:kind>/", diagnosis.row_add, name="row-add"),
    path(
        "tasks/<int:pk>/rows/<str:kind>/<int:row_pk>/remove/",
        diagnosis.row_remove,
        name="row-remove",
    ),
    path("tasks/<int:pk>/submit/", diagnosis.report_submit_view, name="report-submit"),
    path("tasks/<int:pk>/feedback/", acceptance.feedback, name="feedback"),
    path("tasks/<int:pk>/decide/", acceptance.report_decide_view, name="report-decide"),
    path("tasks/<int:pk>/excellent/", acceptance.report_excellent, name="report-excellent"),
    path("tasks/<int:pk>/follow-up/", follow_up.follow_up, name="follow-up"),
    path(
        "tasks/<int:pk>/follow-up/earlier/", follow_up.earlier_measure, name="earlier-measure-add"
    ),
    path(
        "tasks/<int:pk>/follow-up/<int:measure_pk>/",
        follow_up.follow_up_record,
        name="follow-up-record",
    ),
    path(
        "tasks/<int:pk>/follow-up/<int:measure_pk>/move/",
        follow_up.follow_up_move_view,
        name="follow-up-move",
    ),
    path("follow-ups/<int:pk>/evidence/", follow_up.evidence_download, name="evidence-download"),
]

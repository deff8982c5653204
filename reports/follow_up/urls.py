"""Follow-up pages (跟踪服务): a task's follow-up, earlier measures, moves, evidence, realization."""

from django.urls import path

from reports.follow_up import views

urlpatterns = [
    path("realization/", views.realization, name="realization"),
    path("tasks/<int:pk>/follow-up/", views.follow_up, name="follow-up"),
    path("tasks/<int:pk>/follow-up/earlier/", views.earlier_measure, name="earlier-measure-add"),
    path(
        "tasks/<int:pk>/follow-up/<int:measure_pk>/",
        views.follow_up_record,
        name="follow-up-record",
    ),
    path(
        "tasks/<int:pk>/follow-up/<int:measure_pk>/move/",
        views.follow_up_move_view,
        name="follow-up-move",
    ),
    path(
        "tasks/<int:pk>/follow-up/<int:measure_pk>/progress/",
        views.follow_up_progress,
        name="follow-up-progress",
    ),
    path("follow-ups/<int:pk>/evidence/", views.evidence_download, name="evidence-download"),
]

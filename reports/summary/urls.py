"""Pages of 附件4 (the organizer's summary): the narrative editor."""

from django.urls import path

from reports.summary import views

urlpatterns = [
    path("summary/", views.summary_edit, name="summary-edit"),
    path("summary/national/", views.summary_national, name="summary-national"),
]

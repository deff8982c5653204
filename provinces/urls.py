from django.urls import path

from . import views

app_name = "provinces"

urlpatterns = [
    path("forms/", views.submission_list, name="submission-list"),
    path("forms/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("forms/<int:pk>/receipt/", views.submission_receipt_page, name="submission-receipt"),
    path("forms/<int:pk>/print/", views.submission_print, name="submission-print"),
    path("forms/<int:pk>/<slug:move>/", views.submission_move, name="submission-move"),
    path("plan/", views.plan_edit, name="plan-edit"),
    path("review/", views.review_queue, name="review-queue"),
    path("organizers/", views.organizer_list, name="organizer-list"),
    path("organizers/<int:pk>/", views.organizer_edit, name="organizer-edit"),
]

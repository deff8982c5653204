from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("recommendations/", views.recommendation_list, name="recommendation-list"),
    path("recommendations/search/", views.registry_search, name="registry-search"),
    path(
        "recommendations/add/<int:agency_pk>/", views.recommendation_add, name="recommendation-add"
    ),
    path("recommendations/new/", views.agency_create, name="agency-create"),
    path("recommendations/import/", views.recommendation_import, name="recommendation-import"),
    path(
        "recommendations/template.xlsx",
        views.recommendation_template,
        name="recommendation-template",
    ),
    path("recommendations/<int:pk>/", views.recommendation_update, name="recommendation-update"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation-edit"),
    path(
        "recommendations/<int:pk>/remove/",
        views.recommendation_remove,
        name="recommendation-remove",
    ),
]

"""Benchmarking pages: product rows of a report, the ministry's benchmark tables."""

from django.urls import path

from reports.benchmarking import views

urlpatterns = [
    path("tasks/<int:pk>/products/", views.product_add, name="product-add"),
    path("tasks/<int:pk>/products/<int:product_pk>/", views.product_show, name="product-show"),
    path(
        "tasks/<int:pk>/products/<int:product_pk>/edit/",
        views.product_edit,
        name="product-edit",
    ),
    path(
        "tasks/<int:pk>/products/<int:product_pk>/remove/",
        views.product_remove,
        name="product-remove",
    ),
    path("benchmarks/", views.benchmark_table_list, name="benchmark-tables"),
    path("benchmarks/upload/", views.benchmark_table_upload, name="benchmark-upload"),
    path("benchmarks/<int:pk>/", views.benchmark_table_detail, name="benchmark-table"),
]

"""Register pages (节能措施库): the register, its export, the public statistics, peer evidence."""

from django.urls import path

from reports.register import views

urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/export/", views.register_export, name="register-export"),
    path("register/public/", views.register_public, name="register-public"),
    path("register/evidence/", views.register_evidence, name="register-evidence"),
    path("register/results/", views.results, name="results"),
    path("register/results/export/", views.results_export, name="results-export"),
]

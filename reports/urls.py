from .urlconf import dashboard, diagnosis, documents

app_name = "reports"

urlpatterns = [*diagnosis.urlpatterns, *documents.urlpatterns, *dashboard.urlpatterns]

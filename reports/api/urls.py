from . import urls_dashboard, urls_diagnosis, urls_documents

urlpatterns = [*urls_diagnosis.urlpatterns, *urls_documents.urlpatterns,
               *urls_dashboard.urlpatterns]

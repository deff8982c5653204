from reports.api import urls_dashboard
from reports.diagnosis.api import urls as urls_diagnosis
from reports.documents.api import urls as urls_documents
from reports.follow_up.api import urls as urls_follow_up

urlpatterns = [*urls_diagnosis.urlpatterns, *urls_follow_up.urlpatterns, *urls_documents.urlpatterns,
               *urls_dashboard.urlpatterns]

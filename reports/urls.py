from reports.documents import urls as documents
from reports.urlconf import dashboard, diagnosis

app_name = "reports"

urlpatterns = [*diagnosis.urlpatterns, *documents.urlpatterns, *dashboard.urlpatterns]

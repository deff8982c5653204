from reports.documents import urls as documents
from reports.summary import urls as summary
from reports.urlconf import dashboard, diagnosis

app_name = "reports"

urlpatterns = [*diagnosis.urlpatterns, *summary.urlpatterns, *documents.urlpatterns, *dashboard.urlpatterns]

"""Pages of the reports app (namespace `reports`): each feature package brings its own routes."""

from reports.campaigns import urls as campaigns
from reports.dashboard import urls as dashboard
from reports.diagnosis import urls as diagnosis
from reports.documents import urls as documents
from reports.follow_up import urls as follow_up
from reports.summary import urls as summary

app_name = "reports"

urlpatterns = [
    *diagnosis.urlpatterns,
    *follow_up.urlpatterns,
    *summary.urlpatterns,
    *documents.urlpatterns,
    *dashboard.urlpatterns,
    *campaigns.urlpatterns,
]

"""API routes of the reports app under /api/v1/: each feature package brings its own."""

from reports.campaigns.api import urls as campaigns
from reports.dashboard.api import urls as dashboard
from reports.diagnosis.api import urls as diagnosis
from reports.documents.api import urls as documents
from reports.follow_up.api import urls as follow_up

urlpatterns = [
    *diagnosis.urlpatterns,
    *follow_up.urlpatterns,
    *documents.urlpatterns,
    *dashboard.urlpatterns,
    *campaigns.urlpatterns,
]

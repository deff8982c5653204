"""Pages of the reports app (namespace `reports`): each feature package brings its own routes."""

from reports.benchmarking import urls as benchmarking
from reports.bulk import urls as bulk
from reports.campaigns import urls as campaigns
from reports.cases import urls as cases
from reports.checks import urls as checks
from reports.dashboard import urls as dashboard
from reports.diagnosis import urls as diagnosis
from reports.documents import urls as documents
from reports.dossier import urls as dossier
from reports.follow_up import urls as follow_up
from reports.register import urls as register
from reports.summary import urls as summary

app_name = "reports"

urlpatterns = [
    *diagnosis.urlpatterns,
    *follow_up.urlpatterns,
    *summary.urlpatterns,
    *documents.urlpatterns,
    *dashboard.urlpatterns,
    *campaigns.urlpatterns,
    *benchmarking.urlpatterns,
    *checks.urlpatterns,
    *register.urlpatterns,
    *bulk.urlpatterns,
    *cases.urlpatterns,
    *dossier.urlpatterns,
]

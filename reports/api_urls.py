"""API routes of the reports app under /api/v1/: each feature package brings its own."""

from reports.benchmarking.api import urls as benchmarking
from reports.bulk import api_urls as bulk
from reports.campaigns.api import urls as campaigns
from reports.cases.api import urls as cases
from reports.checks.api import urls as checks
from reports.dashboard.api import urls as dashboard
from reports.diagnosis.api import urls as diagnosis
from reports.documents.api import urls as documents
from reports.dossier.api import urls as dossier
from reports.follow_up.api import urls as follow_up
from reports.register.api import urls as register

urlpatterns = [
    *diagnosis.urlpatterns,
    *follow_up.urlpatterns,
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

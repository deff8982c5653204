"""The import pipeline every form import shares (附件2, 附件3), on top of portal.spreadsheets:

form = SpreadsheetUploadForm(request.POST, request.FILES)          # the page (forms.py)
parsed = read_spreadsheet(parse_agency_list, file)                # the service (outcome.py)
outcome = ImportOutcome(rows=..., errors=list(parsed.errors))     # what it did or would do
run_import(self, agency_list_import, noun=..., options=...)       # the command (command.py)
class RecommendationViewSet(ImportActionMixin, ...)               # POST …/import/ (api.py)
"""

from .outcome import ImportOutcome, OtherOrganizerFile, read_spreadsheet

__all__ = ["ImportOutcome", "OtherOrganizerFile", "read_spreadsheet"]

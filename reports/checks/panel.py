"""The data checks' hooks: the guard of 附件3 submit (provinces cannot import reports, so it is
registered in provinces.services.SUBMIT_GUARDS from ReportsConfig.ready())."""

from provinces.choices import Form
from provinces.services import SUBMIT_GUARDS
from reports.checks.services import list_checks_require


def register() -> None:
    if list_checks_require not in SUBMIT_GUARDS[Form.INTENT]:
        SUBMIT_GUARDS[Form.INTENT].append(list_checks_require)

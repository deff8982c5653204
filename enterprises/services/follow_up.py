"""Adding a 跟踪服务 row for an enterprise diagnosed before (the intent list's follow-up picker)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from enterprises.choices import DiagnosisType
from enterprises.earlier import earlier_diagnoses_by_code, never_diagnosed_message
from enterprises.models import DiagnosisTask
from portal.errors import DomainError
from portal.validators import validate_credit_code

from .tasks import TaskInput, task_save


def follow_up_task_add(
    *,
    campaign,
    organizer,
    credit_code: str,
    actor,
    agency: str = "",
    agency_id: int | None = None,
    request=None,
) -> DiagnosisTask:
    """Put an earlier-diagnosed enterprise on the intent list as 跟踪服务 (notice 一(五)).

    The row is the earlier listing (name, place, industry, energy use, SME class) with this
    year's agency (by default the earlier one); `task_save` checks it like any row and links it
    to the earlier diagnosis. The organizer edits the row afterwards like any other.
    """
    try:
        code = validate_credit_code(credit_code)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], field="credit_code") from exc
    found = earlier_diagnoses_by_code(campaign=campaign, organizer=organizer, codes=[code])
    if code not in found:
        raise DomainError(never_diagnosed_message(code), field="credit_code")
    earlier = DiagnosisTask.objects.select_related("enterprise", "agency").get(pk=found[code])
    if earlier.industry_id is None:
        raise DomainError(
            _("The earlier listing of this enterprise has no industry: add the row by hand."),
            field="credit_code",
        )
    row = TaskInput(
        enterprise_name=earlier.enterprise_name,
        credit_code=code,
        city=earlier.city,
        county=earlier.county,
        industry_code=earlier.industry_id,
        energy_tce=earlier.energy_tce,
        diagnosis_type=DiagnosisType.FOLLOW_UP,
        is_sme=earlier.is_sme,
        sme_class=earlier.sme_class or None,
        agency=agency.strip(),
        agency_id=agency_id if agency_id or agency.strip() else earlier.agency_id,
    )
    return task_save(campaign=campaign, organizer=organizer, data=row, actor=actor, request=request)

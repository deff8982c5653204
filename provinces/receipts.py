"""报送回执: the receipt of a form submission — what was submitted, when, by whom, and a number.

A receipt is read from the submission's `submit` event (one row per submission, never changed:
SubmissionEvent is the append-only trail), so its number is unique and the same on every
reading, on the page, the printed receipt and in the API. A form returned and submitted again
gets a new receipt; the earlier ones stay in the trail.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from .choices import Form
from .models import Submission, SubmissionEvent

SUBMIT = "submit"


@dataclass(frozen=True)
class Receipt:
    number: str
    form: int
    form_label: str
    organizer: str  # the official name printed as 填报单位
    year: int
    submitted_at: dt.datetime  # aware; shown in Asia/Shanghai
    submitted_by: str
    sequence: int  # 1 for the first submission of the form, 2 after a return, …
    is_late: bool

    @property
    def local_time(self) -> dt.datetime:
        return timezone.localtime(self.submitted_at)

    def as_dict(self) -> dict:
        """The receipt in the API's submission representation."""
        return {
            "number": self.number,
            "form": self.form,
            "form_label": self.form_label,
            "organizer": self.organizer,
            "year": self.year,
            "submitted_at": self.local_time.isoformat(),
            "submitted_by": self.submitted_by,
            "sequence": self.sequence,
            "is_late": self.is_late,
        }


def receipt_number(submission: Submission, event: SubmissionEvent) -> str:
    """e.g. 2021-130000-3-000482: campaign, organizer code, form, the submit event's number."""
    return (
        f"{submission.campaign.year}-{submission.organizer.code}-{submission.form}-{event.pk:06d}"
    )


def submission_receipt(submission: Submission) -> Receipt | None:
    """The receipt of the latest submission of the form (None if never submitted).

    Reads `submission.events.all()`, so a list that prefetched the events (with their actors)
    costs no query per row.
    """
    submits = [e for e in submission.events.all() if e.action == SUBMIT]
    if not submits:
        return None
    submits.sort(key=lambda e: (e.created_at, e.pk))
    event = submits[-1]
    return Receipt(
        number=receipt_number(submission, event),
        form=submission.form,
        form_label=str(Form(submission.form).label),
        organizer=submission.organizer.official_name,
        year=submission.campaign.year,
        submitted_at=event.created_at,
        submitted_by=event.actor.display_name if event.actor else "",
        sequence=len(submits),
        is_late=submission.is_late,
    )

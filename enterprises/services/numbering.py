"""序号 of an intent list (附件3): one numbering, the same on the page, in the API and in files.

Each organizer's list of a campaign is numbered 1, 2, 3 … without gaps or repeats, with each
agency's enterprises together (note 1 of the form: 同一服务机构服务的企业请集中填写) — the order
in which the 附件3 workbook lists them, so its 序号 column and the page agree. A new enterprise
joins the end of its agency's group; agencies keep the order of their first enterprise. Imported
files do not bring their own 序号 (files of several sheets or batches repeat 1, 2, …).
"""

from django.db.models import Max
from django.utils import timezone

from enterprises.models import DiagnosisTask


def task_next_seq(*, campaign, organizer) -> int:
    """The number after the list's last one (a new row before `tasks_renumber` places it)."""
    last = DiagnosisTask.objects.filter(campaign=campaign, organizer=organizer).aggregate(
        n=Max("seq")
    )["n"]
    return (last or 0) + 1


def tasks_renumber(*, campaign, organizer) -> int:
    """Number the organizer's list 1…n in the form's order; how many rows changed their 序号.

    Two queries whatever the size of the list, plus one per 500 renumbered rows; a list already
    in order is not written (importing the same file again changes nothing).
    """
    rows = list(
        DiagnosisTask.objects.filter(campaign=campaign, organizer=organizer)
        .order_by("seq", "id")
        .values_list("pk", "agency_id", "seq")
    )
    first: dict[int, int] = {}
    for position, (_pk, agency_id, _seq) in enumerate(rows):
        first.setdefault(agency_id, position)
    ordered = sorted(enumerate(rows), key=lambda item: (first[item[1][1]], item[0]))
    now = timezone.now()
    changed = [
        DiagnosisTask(pk=pk, seq=number, updated_at=now)
        for number, (_position, (pk, _agency_id, seq)) in enumerate(ordered, 1)
        if seq != number
    ]
    DiagnosisTask.objects.bulk_update(changed, ["seq", "updated_at"], batch_size=500)
    return len(changed)

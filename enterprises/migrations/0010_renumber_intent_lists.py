"""Every intent list numbered 1…n with each agency's enterprises together, as the page, the API
and the 附件3 workbook now show it (imported lists kept each file's 序号: 1, 1, 2, 2, …)."""

from django.db import migrations


def forwards(apps, schema_editor):
    DiagnosisTask = apps.get_model("enterprises", "DiagnosisTask")
    lists = (
        DiagnosisTask.objects.values_list("campaign_id", "organizer_id").distinct().order_by()
    )
    for campaign_id, organizer_id in list(lists):
        rows = list(
            DiagnosisTask.objects.filter(campaign_id=campaign_id, organizer_id=organizer_id)
            .order_by("seq", "id")
            .values_list("pk", "agency_id", "seq")
        )
        first: dict[int, int] = {}
        for position, (_pk, agency_id, _seq) in enumerate(rows):
            first.setdefault(agency_id, position)
        ordered = sorted(enumerate(rows), key=lambda item: (first[item[1][1]], item[0]))
        changed = [
            DiagnosisTask(pk=pk, seq=number)
            for number, (_position, (pk, _agency_id, seq)) in enumerate(ordered, 1)
            if seq != number
        ]
        DiagnosisTask.objects.bulk_update(changed, ["seq"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0009_signed_letters_move_their_tasks")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

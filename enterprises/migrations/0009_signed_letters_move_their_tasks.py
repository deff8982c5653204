"""Tasks left "matched" under a signed task letter move to "letter signed".

Demo data (and any letter signed before its tasks were moved together with it) could leave a
signed letter whose enterprises still read 已匹配机构: 附件3 then could not be submitted, with
no letter left to sign. Each moved task gets its event, as `letter_sign` writes it.
"""

from django.db import migrations
from django.utils import timezone

COMMENT = "任务书已签署：补记任务状态（数据修复）"


def forwards(apps, schema_editor):
    TaskLetter = apps.get_model("enterprises", "TaskLetter")
    DiagnosisTask = apps.get_model("enterprises", "DiagnosisTask")
    TaskEvent = apps.get_model("enterprises", "TaskEvent")
    now = timezone.now()
    for letter in TaskLetter.objects.filter(state="signed").iterator():
        behind = DiagnosisTask.objects.filter(
            campaign_id=letter.campaign_id,
            organizer_id=letter.organizer_id,
            agency_id=letter.agency_id,
            state="matched",
        )
        ids = list(behind.values_list("pk", flat=True))
        if not ids:
            continue
        DiagnosisTask.objects.filter(pk__in=ids).update(state="letter_signed", updated_at=now)
        TaskEvent.objects.bulk_create(
            [
                TaskEvent(
                    task_id=pk,
                    actor_id=letter.signed_by_id,
                    action="sign_letter",
                    from_state="matched",
                    to_state="letter_signed",
                    comment=COMMENT,
                )
                for pk in ids
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0008_enterprise_contact_email")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

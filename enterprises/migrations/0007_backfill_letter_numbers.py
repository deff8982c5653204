"""Number the letters that exist (until now their printed number was the database id): per
organizer and campaign 1, 2, 3… in id order, with the parties' names as printed from now on,
and each counter set to the last number given.
"""

from collections import defaultdict

from django.db import migrations
from django.utils import timezone


def backfill(apps, schema_editor):
    TaskLetter = apps.get_model("enterprises", "TaskLetter")
    LetterCounter = apps.get_model("enterprises", "LetterCounter")
    last = defaultdict(int)
    letters = (
        TaskLetter.objects.filter(number=None)
        .select_related("organizer", "agency")
        .order_by("campaign_id", "organizer_id", "id")
    )
    now = timezone.now()
    for letter in letters.iterator(chunk_size=500):
        key = (letter.campaign_id, letter.organizer_id)
        last[key] += 1
        letter.number = last[key]
        letter.issued_at = now
        letter.organizer_name = letter.organizer.department or letter.organizer.name
        letter.agency_name = letter.agency.name
        letter.agency_credit_code = letter.agency.credit_code
        letter.save(
            update_fields=[
                "number",
                "issued_at",
                "organizer_name",
                "agency_name",
                "agency_credit_code",
            ]
        )
    for (campaign_id, organizer_id), number in last.items():
        LetterCounter.objects.update_or_create(
            campaign_id=campaign_id, organizer_id=organizer_id, defaults={"last": number}
        )


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0006_letter_number_and_names")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]

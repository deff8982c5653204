"""Every existing recommendation keeps what its 附件2 showed: the registry's values at this moment.

Until now a 附件2 row read the agency's registry row; from now on it reads its own copy, so each
recommendation takes the values the registry holds today (nothing is lost: the agency keeps them
too). Batched so a national registry does not sit in memory.
"""

from django.db import migrations

FIELDS = (
    "nature",
    "location",
    "specialties",
    "technical_staff",
    "track_record",
    "contact_name",
    "contact_title",
    "phone",
    "email",
)
BATCH = 1000


def copy_forward(apps, schema_editor):
    Recommendation = apps.get_model("agencies", "Recommendation")
    agency_fields = [f"agency__{name}" for name in FIELDS]
    batch = []
    rows = Recommendation.objects.order_by("pk").values_list("pk", *agency_fields)
    for pk, *values in rows.iterator(chunk_size=BATCH):
        batch.append(Recommendation(pk=pk, **dict(zip(FIELDS, values, strict=True))))
        if len(batch) == BATCH:
            Recommendation.objects.bulk_update(batch, FIELDS)
            batch = []
    if batch:
        Recommendation.objects.bulk_update(batch, FIELDS)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0003_recommendation_declared_fields")]

    operations = [migrations.RunPython(copy_forward, migrations.RunPython.noop, elidable=False)]

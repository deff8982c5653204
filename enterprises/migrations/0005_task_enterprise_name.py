"""Each task keeps the enterprise's name as its organizer listed it (附件3).

Today's data carries over without loss: every task takes its enterprise's current name, and a
task without its own city or county takes the enterprise's, which is what the 附件3 forms and
the task letters printed for it until now (they fell back to the shared record).
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_listed_names(apps, schema_editor):
    task_model = apps.get_model("enterprises", "DiagnosisTask")
    enterprise_model = apps.get_model("enterprises", "Enterprise")

    def of_enterprise(field):
        return Subquery(
            enterprise_model.objects.filter(pk=OuterRef("enterprise_id")).values(field)[:1]
        )

    task_model.objects.update(enterprise_name=of_enterprise("name"))
    task_model.objects.filter(city="").update(city=of_enterprise("city"))
    task_model.objects.filter(county="").update(county=of_enterprise("county"))


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0004_published_list"),
    ]

    operations = [
        migrations.AddField(
            model_name="diagnosistask",
            name="enterprise_name",
            field=models.CharField(
                default="", max_length=128, verbose_name="enterprise name as listed"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_listed_names, migrations.RunPython.noop, elidable=False),
    ]

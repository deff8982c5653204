"""API tokens become django-rest-knox tokens (hashed, expiring, several per user).

Tokens of the former DRF authtoken table are not carried over: they were kept in clear text,
never expired and may have been issued without a second factor. Their rows are deleted (the
table stays if it exists, unused); users request a new token (docs/security.md, "API tokens").
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def delete_clear_text_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM authtoken_token")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_password_history"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                ("token_key", models.CharField(db_index=True, max_length=25)),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("expiry", models.DateTimeField(blank=True, null=True)),
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("digest", models.CharField(max_length=128, unique=True)),
                ("name", models.CharField(blank=True, max_length=100, verbose_name="name")),
                (
                    "second_factor",
                    models.BooleanField(default=False, verbose_name="issued with a second factor"),
                ),
                ("password_mark", models.CharField(editable=False, max_length=128)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="auth_token_set",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "API token",
                "verbose_name_plural": "API tokens",
                "ordering": ["-created"],
            },
        ),
        migrations.RunPython(delete_clear_text_tokens, migrations.RunPython.noop),
    ]

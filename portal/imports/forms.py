"""The upload form of every import page (附件2, 附件3)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.filesize import too_large_message


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.SPREADSHEET_MAX_BYTES:
            raise ValidationError(too_large_message(upload.size, settings.SPREADSHEET_MAX_BYTES))
        return upload

"""The upload form of every import page (附件2, 附件3)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


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
        limit = settings.SPREADSHEET_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
            )
        return upload

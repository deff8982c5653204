"""Form widgets every app shares."""

from django import forms

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """A browser date picker. `<input type=date>` takes only ISO dates (2021-11-15): the locale's
    format (zh-hans renders 2021/11/15) would show an empty field and lose the value on the next
    save. Django reads ISO dates back in every locale."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or ISO_DATE)

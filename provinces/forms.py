"""Forms of the organizer's pages: the work plan (附件1) and the ministry's review comment."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.widgets import DateInput

from .choices import Form, OrganizerKind, SubmissionState
from .models import PlanContent

COUNT_FIELDS = ("key_industry", "sme", "key_equipment", "regional", "follow_up")


class PlanForm(forms.ModelForm):
    """附件1: the counts by type, the agencies to recommend, the date and the contact."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PlanContent
        fields = [
            *COUNT_FIELDS,
            "agencies_planned",
            "completion_date",
            "below_minimum_reason",
            "contact_name",
            "contact_title",
            "contact_phone",
            "contact_email",
        ]
        widgets = {
            "completion_date": DateInput(),
            "below_minimum_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, minimum: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.minimum = minimum
        for name in (*COUNT_FIELDS, "agencies_planned"):
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})
        if minimum:
            self.fields["below_minimum_reason"].help_text = _(
                "Needed to submit a plan below %(minimum)d enterprises; a draft saves without it."
            ) % {"minimum": minimum}
        for name in ("contact_name", "contact_phone", "completion_date"):
            self.fields[name].required = True
        # 0 stands for "no plan was saved when I opened it": a save from such a form is refused
        # once another official has saved the plan first (plan_save compares the versions).
        self.initial.setdefault("version", self.instance.version if self.instance.pk else 0)

    @property
    def total(self) -> int:
        source = self.cleaned_data if hasattr(self, "cleaned_data") else self.initial
        return sum(int(source.get(name) or 0) for name in COUNT_FIELDS)

    def clean(self):
        data = super().clean()
        total = sum(int(data.get(name) or 0) for name in COUNT_FIELDS)
        if total == 0:
            raise forms.ValidationError(_("Plan at least one enterprise."))
        return data


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


# The review queue's state filter: what awaits review unless another state (or all) is asked.
AWAITING = SubmissionState.SUBMITTED.value
ANY_STATE = "any"
QUEUE_KEYS = ("year", "q", "form", "state", "kind")


class ReviewFilterForm(forms.Form):
    """The review queue's filters, all in the URL (a link to the queue shows the same rows)."""

    year = forms.IntegerField(widget=forms.HiddenInput, required=False)
    q = forms.CharField(label=_("Organizer"), required=False)
    form = forms.TypedChoiceField(
        label=_("Form"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All forms")), *Form.choices],
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            (AWAITING, _("Awaiting review")),
            *[
                (s.value, s.label)
                for s in SubmissionState
                if s not in {SubmissionState.DRAFT, SubmissionState.SUBMITTED}
            ],
            (ANY_STATE, _("Handed in (any state)")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganizerKind.choices]
    )

    def __init__(self, params, *, year: int):
        data = {key: params.get(key, "") for key in QUEUE_KEYS}
        data["year"] = data["year"] or year
        data["state"] = data["state"] or AWAITING  # the queue opens on what awaits review
        super().__init__(data)
        self.is_valid()

    @property
    def filters(self) -> dict:
        """Keyword arguments of `review_queue_for`: a junk value filters nothing."""
        data = getattr(self, "cleaned_data", {})
        state = data.get("state") or AWAITING
        return {
            "form": data.get("form"),
            "state": "" if state == ANY_STATE else state,
            "q": data.get("q", ""),
            "kind": data.get("kind", ""),
        }

    def query(self) -> str:
        """The filters as a query string, for links that keep the queue (detail, next, back)."""
        data = getattr(self, "cleaned_data", {})
        pairs = {key: data.get(key) for key in QUEUE_KEYS if data.get(key) not in (None, "")}
        return urlencode(pairs)


class OrganizerNameForm(forms.Form):
    """The department's full official name, printed as 填报单位 and as the task letter's 甲方."""

    department = forms.CharField(
        label=_("Official name"),
        max_length=128,
        required=False,
        help_text=_(
            "As printed on the forms (填报单位) and task letters (甲方), e.g. 河北省工业和信息化厅. "
            "Associations and groups may leave it empty: their own name is printed."
        ),
    )

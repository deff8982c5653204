"""The register's filters, read from the URL.

A value that cannot mean anything (a measure kind that does not exist, a year that is no year)
is a 400 naming the parameter (portal.params.BadParameter), on the pages and in the API alike,
never a silently unfiltered or empty list.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.params import MAX_ID, BadParameter
from reports.choices import MeasureKind, MeasureState, TaxonomyLevel
from reports.models import MeasureCategory
from reports.register.selectors import RegisterFilters

# The `kind` query parameter as the API schema describes it.
KIND_HELP = (
    "A measure kind: the code of a taxonomy measure (level “measure”), or `technical` / "
    "`management` for the measures that name none. Any other value is a 400 naming `kind`."
)


def measure_kind_choices() -> list:
    """The measure kinds the register groups by, as grouped choices: per category (technical,
    management), its taxonomy measures (code and name) and, for the measures that name no
    taxonomy measure, the category itself (its value, e.g. "technical")."""
    leaves: dict[str, list[tuple[str, str]]] = {kind: [] for kind in MeasureKind.values}
    nodes = MeasureCategory.objects.filter(level=TaxonomyLevel.MEASURE).order_by(
        "sort_order", "code"
    )
    for code, name, category in nodes.values_list("code", "name", "category"):
        leaves.setdefault(category, []).append((code, f"{code} {name}"))
    return [
        (
            label,
            [
                *leaves.get(value, []),
                (value, _("%(category)s, no taxonomy measure") % {"category": label}),
            ],
        )
        for value, label in MeasureKind.choices
    ]


class MeasureKindField(forms.ChoiceField):
    """A measure kind of the register: a taxonomy measure's code, or a category (technical,
    management) for the measures without one. Its form reads the choices when it is made
    (`StrictFilterForm`), once per request."""

    default_error_messages = {
        "invalid_choice": _(
            "“%(value)s” is no measure kind: choose a taxonomy measure code or a category "
            "(technical, management)."
        )
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Measure kind"))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class StrictFilterForm(forms.Form):
    """A filter form whose invalid value is the caller's error (400), not "no filter"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [field for field in self.fields.values() if isinstance(field, MeasureKindField)]
        if kinds:
            choices = [("", _("any")), *measure_kind_choices()]
            for field in kinds:
                field.choices = choices

    def valid_data(self) -> dict:
        if self.is_valid():
            return self.cleaned_data
        name, errors = next(iter(self.errors.items()))
        raise BadParameter(
            name,
            _("The parameter “%(name)s” is not valid: %(error)s")
            % {"name": name, "error": " ".join(errors)},
        )


class RegisterFilterForm(StrictFilterForm):
    year = forms.IntegerField(label=_("Campaign"), required=False, min_value=2000, max_value=2100)
    industry = forms.CharField(label=_("Industry code"), required=False, max_length=8)
    kind = MeasureKindField()
    state = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("any")), *MeasureState.choices]
    )
    organizer = forms.IntegerField(
        label=_("Organizer"), required=False, min_value=1, max_value=MAX_ID
    )

    def filters(self, *, with_organizer: bool = True) -> RegisterFilters:
        data = self.valid_data()
        return RegisterFilters(
            year=data.get("year"),
            industry=(data.get("industry") or "").strip(),
            kind=data.get("kind") or "",
            state=data.get("state") or "",
            organizer=data.get("organizer") if with_organizer else None,
        )


class PublicFilterForm(RegisterFilterForm):
    """The public page filters by campaign, industry and measure kind only."""

    state = None
    organizer = None


class ResultsFilterForm(RegisterFilterForm):
    """The results application list filters by campaign, province (ministry) and industry."""

    kind = None
    state = None

"""Shapes of the dashboard, scorecard and export API: the selectors' dataclasses as JSON."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from provinces.choices import OrganizerKind
from reports.dashboard.exports.catalog import EXPORTS


class MilestoneSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    short = serializers.CharField()
    form = serializers.IntegerField(allow_null=True)
    due = serializers.DateField(source="due.nominal")
    effective_due = serializers.DateField(source="due.effective")
    rule = serializers.CharField(source="due.rule")
    days_left = serializers.SerializerMethodField(help_text="Working days; negative if overdue.")

    def get_days_left(self, milestone) -> int:
        return milestone.days_left(self.context["today"])


class CellSerializer(serializers.Serializer):
    milestone = serializers.CharField()
    state = serializers.CharField()
    label = serializers.CharField()
    date = serializers.SerializerMethodField()
    late = serializers.BooleanField()
    url = serializers.CharField()
    done = serializers.IntegerField(allow_null=True)
    total = serializers.IntegerField(allow_null=True)
    percent = serializers.IntegerField(allow_null=True)

    def get_date(self, cell) -> str | None:
        return cell.date.isoformat() if cell.date else None


class MatrixRowSerializer(serializers.Serializer):
    organizer_id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField(help_text="province, planning_city, corps, association, group")
    cells = CellSerializer(many=True)


class ProgressRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    planned = serializers.IntegerField(allow_null=True)
    listed = serializers.IntegerField()
    published = serializers.IntegerField()
    reported = serializers.IntegerField()
    accepted = serializers.IntegerField()
    accepted_percent = serializers.IntegerField(allow_null=True)


class ProgressSerializer(serializers.Serializer):
    total = ProgressRowSerializer()
    by_type = ProgressRowSerializer(many=True)
    by_sector = ProgressRowSerializer(many=True)
    by_organizer = ProgressRowSerializer(many=True)
    state_counts = serializers.DictField(child=serializers.IntegerField())


class SavingsSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    reports = serializers.IntegerField()
    accepted_reports = serializers.IntegerField()
    savings_tce = serializers.DecimalField(max_digits=20, decimal_places=4)
    savings_wan = serializers.DecimalField(max_digits=20, decimal_places=4)
    co2_t = serializers.DecimalField(max_digits=20, decimal_places=4)
    investment_wan = serializers.DecimalField(max_digits=20, decimal_places=4)


class OutcomesSerializer(serializers.Serializer):
    total = SavingsSerializer()
    by_organizer = SavingsSerializer(many=True, source="reporting")
    ratings = serializers.DictField(child=serializers.IntegerField())
    rating_mean = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)


class AgencyProgressSerializer(ProgressRowSerializer):
    returned = serializers.IntegerField()
    outstanding = serializers.IntegerField()


class DashboardSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(source="campaign.year")
    today = serializers.DateField()
    milestones = MilestoneSerializer(many=True, source="matrix.milestones")
    counts = serializers.DictField(
        source="matrix.counts", child=serializers.DictField(child=serializers.IntegerField())
    )
    rows = MatrixRowSerializer(many=True, source="matrix.rows")
    progress = ProgressSerializer()
    outcomes = OutcomesSerializer()
    agencies = AgencyProgressSerializer(many=True)


class ScorecardSerializer(serializers.Serializer):
    agency_id = serializers.IntegerField()
    name = serializers.CharField()
    location = serializers.CharField()
    recommended = serializers.BooleanField()
    campaigns = serializers.IntegerField()
    tasks = serializers.IntegerField()
    reports = serializers.IntegerField()
    on_time = serializers.IntegerField()
    on_time_percent = serializers.IntegerField(allow_null=True)
    returns_per_report = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    acceptance_percent = serializers.IntegerField(allow_null=True)
    rating_mean = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    ratings = serializers.IntegerField()
    savings_per_task = serializers.DecimalField(max_digits=20, decimal_places=1, allow_null=True)
    followed_up = serializers.IntegerField()
    realized = serializers.IntegerField()
    realization_percent = serializers.IntegerField(allow_null=True)


class ExportKindSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    description = serializers.CharField()


class ExportRequestSerializer(serializers.Serializer):
    export = serializers.ChoiceField(choices=list(EXPORTS))
    campaign = serializers.IntegerField(help_text="The campaign year, e.g. 2021.")
    # A plain string checked here: the OrganizerKind enum already has a name in the schema.
    organizer_kind = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Empty for all organizers, or one of "
        "province, planning_city, corps, association, group.",
    )

    def validate_organizer_kind(self, value: str) -> str:
        if value and value not in OrganizerKind.values:
            raise serializers.ValidationError(_("Unknown organizer kind."))
        return value

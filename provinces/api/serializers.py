from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.models import Campaign
from provinces.choices import Form
from provinces.models import Organizer, PlanContent, Submission, SubmissionEvent
from provinces.receipts import submission_receipt
from provinces.services import PLAN_FIELDS


class OrganizerSerializer(serializers.ModelSerializer):
    official_name = serializers.CharField(read_only=True)

    class Meta:
        model = Organizer
        fields = ["id", "code", "name", "department", "official_name", "kind", "parent"]
        read_only_fields = fields


class OrganizerRenameSerializer(serializers.Serializer):
    """The department's full official name (blank: print the organizer's own name; refused
    for provincial-level organizers)."""

    department = serializers.CharField(allow_blank=True, trim_whitespace=True, max_length=128)


class SubmissionEventSerializer(serializers.ModelSerializer):
    actor = serializers.StringRelatedField()

    class Meta:
        model = SubmissionEvent
        fields = ["id", "action", "from_state", "to_state", "comment", "actor", "created_at"]


class ReceiptSerializer(serializers.Serializer):
    """报送回执 of the latest submission (provinces/receipts.py); time in Asia/Shanghai."""

    number = serializers.CharField()
    form = serializers.IntegerField()
    form_label = serializers.CharField()
    organizer = serializers.CharField()
    year = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()
    submitted_by = serializers.CharField()
    sequence = serializers.IntegerField()
    is_late = serializers.BooleanField()


class SubmissionSerializer(serializers.ModelSerializer):
    events = SubmissionEventSerializer(many=True, read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    receipt = serializers.SerializerMethodField()

    @extend_schema_field(ReceiptSerializer(allow_null=True))
    def get_receipt(self, submission: Submission) -> dict | None:
        receipt = submission_receipt(submission)
        return receipt.as_dict() if receipt else None

    class Meta:
        model = Submission
        fields = [
            "id",
            "organizer",
            "campaign",
            "form",
            "state",
            "state_label",
            "submitted_at",
            "is_late",
            "approved_at",
            "last_comment",
            "events",
            "receipt",
        ]
        read_only_fields = fields


class SubmissionOpenSerializer(serializers.Serializer):
    """Open (get or create) the organizer's submission of one form in one campaign."""

    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all())
    form = serializers.ChoiceField(choices=Form.choices)


class MoveSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class PlanSerializer(serializers.ModelSerializer):
    """附件1. `version` is the one read; saving with an older one is a 409 Conflict."""

    campaign = serializers.PrimaryKeyRelatedField(
        source="submission.campaign", queryset=Campaign.objects.all()
    )
    organizer = serializers.IntegerField(source="submission.organizer_id", read_only=True)
    submission = serializers.IntegerField(source="submission_id", read_only=True)
    total = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(required=False)

    class Meta:
        model = PlanContent
        fields = [
            "id",
            "campaign",
            "organizer",
            "submission",
            *PLAN_FIELDS,
            "total",
            "version",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

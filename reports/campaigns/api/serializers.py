"""Serializers of the campaign set-up API (shape and parse; the services check the rules)."""

from rest_framework import serializers

from portal.models import Campaign, CampaignExtension
from provinces.models import Organizer
from reports.campaigns.services import SETTINGS


class CampaignSetupSerializer(serializers.ModelSerializer):
    """A campaign with every piece of its set-up; PATCH any subset (all stored, or none)."""

    class Meta:
        model = Campaign
        fields = [
            "id",
            "year",
            "state",
            *SETTINGS,
            "form_layouts",
            "obligations",
            "summary_outline",
            "acceptance_criteria",
            "diagnosis_types",
        ]
        read_only_fields = ["id", "year", "state"]
        # The services check the values (with reasons); the serializer only parses types.
        extra_kwargs = {"reminder_days": {"validators": []}}


class CampaignCopySerializer(serializers.Serializer):
    source = serializers.IntegerField(help_text="year of the campaign to copy, e.g. 2021")
    year = serializers.IntegerField(min_value=2019, max_value=2100)
    name = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
    notice_ref = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    plan_due = serializers.DateField(required=False, help_text="default: the source's, shifted")
    recommendation_due = serializers.DateField(required=False)
    intent_due = serializers.DateField(required=False)
    summary_due = serializers.DateField(required=False)


class LayoutsSerializer(serializers.Serializer):
    form_layouts = serializers.JSONField()


class LayoutsCheckSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    forms = serializers.ListField(child=serializers.DictField())


class ExtensionSerializer(serializers.ModelSerializer):
    organizer = serializers.SlugRelatedField(
        slug_field="code", queryset=Organizer.objects.all(), help_text="organizer code"
    )
    granted_by = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = CampaignExtension
        fields = ["id", "organizer", "form", "due", "reason", "granted_by", "updated_at"]
        read_only_fields = ["id", "granted_by", "updated_at"]
        validators: list = []  # one per organizer and form: a second grant replaces the first


class RevokeSerializer(serializers.Serializer):
    extension = serializers.IntegerField()

from rest_framework import serializers

from portal.models import Campaign, DocumentJob, Notice, User


class CampaignSerializer(serializers.ModelSerializer):
    class Meta:
        model = Campaign
        fields = [
            "id",
            "year",
            "name",
            "notice_ref",
            "plan_due",
            "recommendation_due",
            "intent_due",
            "summary_due",
            "min_enterprises_per_province",
            "key_threshold_tce",
            "electricity_equivalent_factor",
            "co2_per_tce",
            "grid_emission_factor",
            "reminder_days",
            "state",
        ]
        read_only_fields = ["state"]


class CampaignMoveSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class MeSerializer(serializers.ModelSerializer):
    tenant_name = serializers.CharField(read_only=True)
    # Many accounts have no e-mail: documented as a plain string, since "" is no valid email.
    email = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "email",
            "role",
            "organizer",
            "agency",
            "enterprise",
            "tenant_name",
        ]


class NoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notice
        fields = ["id", "kind", "title", "body", "url", "created_at", "read_at"]


class DocumentJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentJob
        fields = [
            "id",
            "kind",
            "campaign",
            "organizer",
            "agency",
            "params",
            "state",
            "progress",
            "attempts",
            "output_name",
            "size",
            "checksum",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]

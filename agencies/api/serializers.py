from rest_framework import serializers

from agencies.models import Agency, Recommendation
from portal.api.fields import OptionalEmailField
from portal.models import Campaign
from portal.validators import validate_credit_code


class AgencySerializer(serializers.ModelSerializer):
    email = OptionalEmailField()

    class Meta:
        model = Agency
        fields = [
            "id",
            "credit_code",
            "name",
            "nature",
            "location",
            "specialties",
            "technical_staff",
            "track_record",
            "contact_name",
            "contact_title",
            "phone",
            "email",
        ]
        # One agency per credit code: registering a known code returns that agency.
        extra_kwargs = {"credit_code": {"validators": [validate_credit_code]}}


class RecommendationSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    organizer = serializers.IntegerField(source="organizer_id", read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "campaign",
            "organizer",
            "agency",
            "agency_name",
            "seq",
            "planned_enterprises",
            "remarks",
        ]
        read_only_fields = ["seq"]
        validators: list = []  # the service says when an agency is already recommended


class RecommendationChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Recommendation
        fields = ["planned_enterprises", "remarks"]


class RowErrorSerializer(serializers.Serializer):
    row = serializers.CharField()
    column = serializers.CharField()
    reason = serializers.CharField()


class ImportRequestSerializer(serializers.Serializer):
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all())
    file = serializers.FileField()
    dry_run = serializers.BooleanField(default=False)


class ImportOutcomeSerializer(serializers.Serializer):
    """What an import did; with errors (status 422) nothing was stored."""

    ok = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = RowErrorSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())

from rest_framework import serializers

from agencies.models import CONTACT_FIELDS, REGISTRY_FIELDS, ROW_FIELDS, Agency, Recommendation
from portal.api.fields import OptionalEmailField
from portal.validators import validate_credit_code


class AgencySerializer(serializers.ModelSerializer):
    """A registry agency; its contact person, phone and e-mail only for those who work with it.

    The list and detail querysets carry `contacts_visible` (agencies.selectors); an agency read
    without it shows no contacts.
    """

    email = OptionalEmailField()

    class Meta:
        model = Agency
        fields = ["id", "credit_code", *REGISTRY_FIELDS]
        # One agency per credit code: registering a known code returns that agency.
        extra_kwargs = {"credit_code": {"validators": [validate_credit_code]}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not getattr(instance, "contacts_visible", False):
            for name in CONTACT_FIELDS:
                data[name] = ""
        return data


class RecommendationSerializer(serializers.ModelSerializer):
    """An organizer's 附件2 row; declared values left out on creation come from the registry."""

    agency_name = serializers.CharField(source="agency.name", read_only=True)
    agency_credit_code = serializers.CharField(source="agency.credit_code", read_only=True)
    organizer = serializers.IntegerField(source="organizer_id", read_only=True)
    email = OptionalEmailField()

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "campaign",
            "organizer",
            "agency",
            "agency_name",
            "agency_credit_code",
            "seq",
            *ROW_FIELDS,
        ]
        read_only_fields = ["seq"]
        validators: list = []  # the service says when an agency is already recommended


class RecommendationChangeSerializer(serializers.ModelSerializer):
    """The organizer's own 附件2 row: its declared values, planned number and remarks."""

    email = OptionalEmailField()

    class Meta:
        model = Recommendation
        fields = list(ROW_FIELDS)

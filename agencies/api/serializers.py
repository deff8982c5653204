from rest_framework import serializers

from agencies.models import Agency, Recommendation


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "credit_code", "name", "nature", "location", "specialties",
                  "technical_staff", "track_record", "contact_name", "contact_title", "phone",
                  "email"]


class RecommendationSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "campaign", "organizer", "agency", "agency_name", "seq",
                  "planned_enterprises", "remarks"]

from rest_framework import serializers

from enterprises.models import DiagnosisTask, Enterprise, Industry, TaskEvent


class IndustrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Industry
        fields = ["code", "name", "key_sector", "standard"]


class EnterpriseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enterprise
        fields = ["id", "credit_code", "name", "province_code", "city", "county", "industry",
                  "is_sme", "sme_class", "energy_tce"]


class TaskEventSerializer(serializers.ModelSerializer):
    actor = serializers.StringRelatedField()

    class Meta:
        model = TaskEvent
        fields = ["id", "action", "from_state", "to_state", "comment", "actor", "created_at"]


class TaskSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    credit_code = serializers.CharField(source="enterprise.credit_code", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    organizer_name = serializers.CharField(source="organizer.name", read_only=True)

    class Meta:
        model = DiagnosisTask
        fields = ["id", "campaign", "organizer", "organizer_name", "enterprise",
                  "enterprise_name", "credit_code", "agency", "agency_name", "diagnosis_type",
                  "seq", "city", "county", "industry", "energy_tce", "is_sme", "sme_class",
                  "remarks", "state", "previous_task", "published_at"]

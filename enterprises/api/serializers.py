from rest_framework import serializers

from enterprises.choices import DiagnosisType, SmeClass
from enterprises.models import (
    DiagnosisTask,
    Enterprise,
    Industry,
    PublishedEntry,
    PublishedList,
    TaskLetter,
)
from enterprises.services import TaskInput
from portal.models import Campaign


class IndustrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Industry
        fields = ["code", "name", "key_sector", "standard"]


class EnterpriseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enterprise
        fields = [
            "id",
            "credit_code",
            "name",
            "province_code",
            "city",
            "county",
            "industry",
            "is_sme",
            "sme_class",
            "energy_tce",
        ]


class TaskSerializer(serializers.ModelSerializer):
    credit_code = serializers.CharField(source="enterprise.credit_code", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    organizer_name = serializers.CharField(source="organizer.name", read_only=True)

    class Meta:
        model = DiagnosisTask
        fields = [
            "id",
            "campaign",
            "organizer",
            "organizer_name",
            "enterprise",
            "enterprise_name",
            "credit_code",
            "agency",
            "agency_name",
            "diagnosis_type",
            "seq",
            "city",
            "county",
            "industry",
            "energy_tce",
            "is_sme",
            "sme_class",
            "remarks",
            "state",
            "previous_task",
            "published_at",
        ]
        read_only_fields = ["enterprise_name"]


class TaskWriteSerializer(serializers.Serializer):
    """One 附件3 row. The agency by id, or by name (recommended first, then the registry)."""

    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all(), required=False)
    enterprise_name = serializers.CharField(max_length=128)
    credit_code = serializers.CharField(max_length=24)
    city = serializers.CharField(max_length=64)
    county = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    industry = serializers.PrimaryKeyRelatedField(queryset=Industry.objects.all())
    energy_tce = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    diagnosis_type = serializers.ChoiceField(choices=DiagnosisType.choices)
    agency = serializers.IntegerField(required=False, allow_null=True)
    agency_name = serializers.CharField(required=False, allow_blank=True, default="")
    is_sme = serializers.BooleanField()
    sme_class = serializers.ChoiceField(
        choices=SmeClass.choices, required=False, allow_blank=True, allow_null=True
    )
    remarks = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if not attrs.get("agency") and not attrs.get("agency_name"):
            raise serializers.ValidationError({"agency": ["Give the agency (id or name)."]})
        return attrs

    def to_input(self) -> TaskInput:
        data = self.validated_data
        return TaskInput(
            enterprise_name=data["enterprise_name"],
            credit_code=data["credit_code"],
            city=data["city"],
            county=data["county"],
            industry_code=data["industry"].code,
            energy_tce=data["energy_tce"],
            diagnosis_type=data["diagnosis_type"],
            is_sme=data["is_sme"],
            sme_class=data.get("sme_class") or None,
            remarks=data["remarks"],
            agency=data["agency_name"],
            agency_id=data.get("agency"),
        )


class TaskContactSerializer(serializers.Serializer):
    """The enterprise's contact on the organizer's own row (where its invitation goes)."""

    contact_name = serializers.CharField(max_length=64, allow_blank=True, required=False)
    contact_phone = serializers.CharField(max_length=32, allow_blank=True, required=False)
    contact_email = serializers.CharField(max_length=254, allow_blank=True, required=False)


class FollowUpAddSerializer(serializers.Serializer):
    """跟踪服务 for an enterprise diagnosed before: its credit code and this year's agency
    (by id or name; by default the earlier diagnosis's agency)."""

    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all())
    credit_code = serializers.CharField(max_length=24)
    agency = serializers.IntegerField(required=False, allow_null=True)
    agency_name = serializers.CharField(required=False, allow_blank=True, default="")


class EarlierEnterpriseSerializer(serializers.Serializer):
    task_id = serializers.IntegerField(help_text="the earlier diagnosis a follow-up links to")
    credit_code = serializers.CharField()
    name = serializers.CharField()
    year = serializers.IntegerField()


class TaskLetterSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    organizer_name = serializers.CharField(source="organizer.name", read_only=True)
    task_count = serializers.IntegerField(read_only=True)
    has_scan = serializers.SerializerMethodField()
    # As issued (first generated or signed): the printed number and both parties' names, which
    # a later rename does not change; blank while the letter is not issued.
    reference = serializers.CharField(read_only=True)
    party_a_name = serializers.CharField(source="organizer_name", read_only=True)
    party_b_name = serializers.CharField(source="agency_name", read_only=True)

    class Meta:
        model = TaskLetter
        fields = [
            "id",
            "campaign",
            "organizer",
            "organizer_name",
            "agency",
            "agency_name",
            "state",
            "signed_at",
            "task_count",
            "has_scan",
            "number",
            "reference",
            "issued_at",
            "party_a_name",
            "party_b_name",
        ]

    def get_has_scan(self, letter) -> bool:
        return bool(letter.signed_scan)


class LetterScanSerializer(serializers.Serializer):
    scan = serializers.FileField()


class LetterGenerateSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=[("pdf", "PDF"), ("docx", "Word")])


class PublishedListSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="campaign.year", read_only=True)

    class Meta:
        model = PublishedList
        fields = [
            "id",
            "campaign",
            "year",
            "version",
            "is_current",
            "published_at",
            "entry_count",
            "note",
        ]


class PublishedEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = PublishedEntry
        fields = [
            "seq",
            "enterprise_name",
            "credit_code",
            "city",
            "organizer_name",
            "organizer_code",
            "agency_name",
            "diagnosis_type",
        ]


class PublishRequestSerializer(serializers.Serializer):
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all())
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

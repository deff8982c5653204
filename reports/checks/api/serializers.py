"""The bodies of the data checks in the API."""

from rest_framework import serializers


class ReasonsSerializer(serializers.Serializer):
    reasons = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=2000), allow_empty=True
    )


class FindingSerializer(serializers.Serializer):
    key = serializers.CharField()
    code = serializers.CharField()
    check = serializers.CharField()
    severity = serializers.CharField()
    target = serializers.CharField()
    where = serializers.CharField()
    field = serializers.CharField()
    field_label = serializers.CharField()
    message = serializers.CharField()
    reason = serializers.CharField()
    reason_by = serializers.CharField()
    blocks = serializers.BooleanField()

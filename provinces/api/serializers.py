from rest_framework import serializers

from provinces.models import Organizer, Submission, SubmissionEvent


class OrganizerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organizer
        fields = ["id", "code", "name", "kind", "parent"]


class SubmissionEventSerializer(serializers.ModelSerializer):
    actor = serializers.StringRelatedField()

    class Meta:
        model = SubmissionEvent
        fields = ["id", "action", "from_state", "to_state", "comment", "actor", "created_at"]


class SubmissionSerializer(serializers.ModelSerializer):
    events = SubmissionEventSerializer(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "organizer", "campaign", "form", "state", "submitted_at", "is_late",
                  "approved_at", "last_comment", "events"]
        read_only_fields = fields


class MoveSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")

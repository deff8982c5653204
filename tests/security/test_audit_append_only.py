"""Audit records are only ever added: the ORM refuses every change and deletion."""

import pytest

from portal.audit import audit_record
from portal.models import AuditLog
from portal.security.append_only import AppendOnlyError


@pytest.fixture
def record(ministry_user):
    return audit_record(actor=ministry_user, action="test.action", summary="kept")


def test_saving_an_existing_record_is_refused(record):
    """Changing a field and saving raises."""
    record.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        record.save()
    assert AuditLog.objects.get(pk=record.pk).summary == "kept"


def test_deleting_a_record_is_refused(record):
    """Instance delete raises and the row stays."""
    with pytest.raises(AppendOnlyError):
        record.delete()
    assert AuditLog.objects.filter(pk=record.pk).exists()


def test_queryset_update_is_refused(record):
    """QuerySet.update raises."""
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.filter(pk=record.pk).update(summary="x")


def test_queryset_delete_is_refused(record):
    """QuerySet.delete (the admin's bulk delete path too) raises."""
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.all().delete()
    assert AuditLog.objects.count() == 1


def test_bulk_update_is_refused(record):
    """bulk_update raises."""
    record.summary = "x"
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.bulk_update([record], ["summary"])


def test_deleting_the_actor_is_refused(record, ministry_user):
    """A user with audit records cannot be deleted (the trail keeps its actor)."""
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        ministry_user.delete()

"""Taking an enterprise off the intent list never loses recorded work."""

import pytest

from enterprises.models import DiagnosisTask
from enterprises.services import task_remove
from portal.errors import DomainError
from tests.factories import DiagnosisReportFactory, SubmissionFactory, TaskFactory


def test_task_with_a_report_is_refused_with_a_reason(campaign, hebei, organizer_user):
    """A report recorded against a task blocks its removal with a clear message, not a crash."""
    SubmissionFactory(campaign=campaign, organizer=hebei, form=3)
    task = TaskFactory(campaign=campaign, organizer=hebei)
    DiagnosisReportFactory(task=task, diagnosis_year=2020)
    with pytest.raises(DomainError, match="不能从名单中删除"):  # the default language
        task_remove(task=task, actor=organizer_user)
    assert DiagnosisTask.objects.filter(pk=task.pk).exists()


def test_task_without_work_is_removed(campaign, hebei, organizer_user):
    """A plain intent row is removed."""
    SubmissionFactory(campaign=campaign, organizer=hebei, form=3)
    task = TaskFactory(campaign=campaign, organizer=hebei)
    task_remove(task=task, actor=organizer_user)
    assert not DiagnosisTask.objects.filter(pk=task.pk).exists()

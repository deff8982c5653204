"""The diagnosis report files that go into a summary report package (one query).

Every accepted report with a file, named `序号-企业名称.ext` like `DiagnosisReport.download_name`;
a national package keeps each organizer's reports in its own folder, because 序号 restarts for
every organizer. The recommended excellent cases are copied once more under 优秀案例/.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Max

from portal.models import Campaign
from provinces.models import Organizer
from reports.summary.selectors import accepted_reports

REPORTS_DIR = "诊断报告"
CASES_DIR = "优秀案例"


@dataclass(frozen=True)
class ReportFile:
    arcname: str
    storage_name: str
    size: int | None


def _with_file(campaign: Campaign, organizer: Organizer | None):
    return accepted_reports(campaign, organizer).exclude(file="")


def package_report_files(
    campaign: Campaign, organizer: Organizer | None = None
) -> Iterator[ReportFile]:
    """Report files in the organizers' order and each list's 序号, then the excellent cases."""
    reports = list(
        _with_file(campaign, organizer)
        .order_by("task__organizer__sort_order", "task__organizer__code", "task__seq", "id")
        .values_list(
            "file",
            "file_type",
            "file_size",
            "task__seq",
            "task__enterprise_name",
            "task__organizer__name",
            "is_excellent_case",
        )
    )
    cases = []
    for name, kind, size, seq, enterprise, organizer_name, excellent in reports:
        base = f"{seq}-{enterprise}.{kind or 'bin'}"
        folder = REPORTS_DIR if organizer else f"{REPORTS_DIR}/{organizer_name}"
        yield ReportFile(f"{folder}/{base}", name, size)
        if excellent:
            prefix = "" if organizer else f"{organizer_name}-"
            cases.append(ReportFile(f"{CASES_DIR}/{prefix}{base}", name, size))
    yield from cases


def package_files_version(campaign: Campaign, organizer: Organizer | None = None) -> str:
    stats = _with_file(campaign, organizer).aggregate(
        n=Count("id"),
        at=Max("updated_at"),
        task_at=Max("task__updated_at"),
    )
    return "|".join(str(value) for value in stats.values())

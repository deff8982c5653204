"""The bench's view of the national data: built once, with fresh planner statistics."""

from django.db import connection, transaction
from django.utils import timezone

from bench.fixtures import build_national
from enterprises.models import DiagnosisTask, PublishedEntry, PublishedList

BENCH_NOTE = "基准测试名单"


def national() -> dict:
    """bench/fixtures.build_national(), then ANALYZE: bulk inserts leave the planner's
    statistics stale until autovacuum passes, and a production database has them fresh."""
    data = build_national()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return data


@transaction.atomic
def published_list(campaign, user) -> PublishedList:
    """The campaign's current published list; without one, a snapshot of all its tasks in the
    order publishing uses (the bench does not move the fixture's tasks to 'published')."""
    current = PublishedList.objects.filter(campaign=campaign, is_current=True).first()
    if current is not None:
        return current
    tasks = (
        DiagnosisTask.objects.filter(campaign=campaign)
        .order_by("organizer__sort_order", "organizer__code", "agency__name", "seq", "id")
        .values_list("pk", "enterprise_name", "enterprise__credit_code", "city",
                     "organizer__name", "organizer__code", "agency__name", "diagnosis_type")
    )  # fmt: skip
    published = PublishedList.objects.create(
        campaign=campaign, version=1, published_at=timezone.now(), published_by=user,
        entry_count=tasks.count(), note=BENCH_NOTE,
    )  # fmt: skip
    PublishedEntry.objects.bulk_create(
        (
            PublishedEntry(published_list=published, seq=n, task_id=pk, enterprise_name=name,
                           credit_code=code, city=city, organizer_name=organizer,
                           organizer_code=organizer_code, agency_name=agency, diagnosis_type=kind)
            for n, (pk, name, code, city, organizer, organizer_code, agency, kind)
            in enumerate(tasks, start=1)
        ),
        batch_size=2000,
    )  # fmt: skip
    return published

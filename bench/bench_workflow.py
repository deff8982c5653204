"""The organizer workflow: the 附件3 import and the intent-list page.

1. Importing a 2,000-row 附件3 (parsing, validation, the database rules, the bulk writes into
   an empty list) against a bare openpyxl read_only iteration of the same file; goal 2×. Each
   run is rolled back, so every run creates all 2,000 enterprises and tasks. The same file's
   check (dry run: everything but the writes) against the same floor; goal 1.25×.
2. The intent-list page of a 500-task organizer with 100 rows per page against the same page
   with 10 rows; the number of queries must be the same (checked before timing, the bench
   stops otherwise); goal 3× for the time of ten times the rows.

Data lives under campaign 2099 and the organizer BENCH-WF (基准工作流协会), apart from the
other bench modules' data.
"""

import datetime as dt
import io
import sys
from decimal import Decimal

import openpyxl
from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency, Recommendation
from bench.harness import Measurement
from enterprises.models import DiagnosisTask, Enterprise
from enterprises.services import intent_list_import
from portal.choices import Role
from portal.models import Campaign, User
from portal.validators import credit_check_character
from provinces.choices import OrganizerKind
from provinces.models import Organizer

YEAR, CODE, ROWS, PAGE_TASKS = 2099, "BENCH-WF", 2000, 500
AGENCY = "基准工作流节能技术服务有限公司"
HEADERS = (
    "序号",
    "企业名称",
    "所在地市",
    "所在区县",
    "所属行业",
    "组织机构代码",
    "上年度综合能源消费量（吨标准煤）",
    "节能诊断类型",
    "提供服务的机构",
    "是否中小企业",
    "备注",
)
TYPES = (
    ("重点行业", "否", "钢铁"),
    ("中小企业", "是（小型）", "C33"),
    ("重点用能设备", "是（中型）", "3110"),
    ("区域集中式", "是（微型）", "化工"),
)


def code(serial: int, division: str = "110105") -> str:
    body = f"91{division}{serial:09d}"
    return body + credit_check_character(body)


def intent_file(rows: int) -> bytes:
    """An 附件3 in the ministry layout, the kinds of values real files hold."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["附件3"])
    sheet.append([f"{YEAR}年度节能诊断服务意向企业名单"])
    sheet.append(["填报单位（盖章）：基准工作流协会"])
    sheet.append(list(HEADERS))
    for n in range(1, rows + 1):
        kind, sme, industry = TYPES[n % len(TYPES)]
        sheet.append(
            [
                n,
                f"基准工作流企业{n:05d}有限公司",
                "北京市",
                "朝阳区",
                industry,
                code(n).lower() if n % 5 == 0 else code(n),
                f"{1000 + n:,}.5",
                kind,
                AGENCY,
                sme,
                "基准经济技术开发区" if kind == "区域集中式" else None,
            ]
        )
    sheet.append([])
    sheet.append(["注：1. 每家企业只能对应一家服务机构。"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _setup() -> tuple[Campaign, Organizer, Agency, User]:
    campaign, _ = Campaign.objects.get_or_create(
        year=YEAR,
        defaults={
            "name": f"{YEAR}年基准",
            "plan_due": dt.date(YEAR, 5, 31),
            "recommendation_due": dt.date(YEAR, 5, 31),
            "intent_due": dt.date(YEAR, 6, 15),
            "summary_due": dt.date(YEAR, 11, 15),
        },
    )
    organizer, _ = Organizer.objects.get_or_create(
        code=CODE,
        defaults={"name": "基准工作流协会", "kind": OrganizerKind.ASSOCIATION, "sort_order": 999},
    )
    agency, _ = Agency.objects.get_or_create(
        credit_code=code(1, "110108"), defaults={"name": AGENCY}
    )
    Recommendation.objects.get_or_create(campaign=campaign, organizer=organizer, agency=agency)
    user, _ = User.objects.get_or_create(
        username="bench-workflow", defaults={"role": Role.ORGANIZER, "organizer": organizer}
    )
    return campaign, organizer, agency, user


def _page_tasks(campaign, organizer, agency) -> None:
    """500 tasks on the organizer's list (idempotent), in another credit-code range."""
    if DiagnosisTask.objects.filter(campaign=campaign, organizer=organizer).count() == PAGE_TASKS:
        return
    with transaction.atomic():
        DiagnosisTask.objects.filter(campaign=campaign, organizer=organizer).delete()
        codes = [code(n, "110106") for n in range(1, PAGE_TASKS + 1)]
        Enterprise.objects.bulk_create(
            [
                Enterprise(
                    credit_code=c, name=f"基准页面企业{n:04d}", city="北京市", industry_id="C31"
                )
                for n, c in enumerate(codes, start=1)
            ],
            ignore_conflicts=True,
        )
        ids = dict(
            Enterprise.objects.filter(credit_code__in=codes).values_list("credit_code", "pk")
        )
        DiagnosisTask.objects.bulk_create(
            [
                DiagnosisTask(
                    campaign=campaign,
                    organizer=organizer,
                    agency=agency,
                    enterprise_id=ids[c],
                    enterprise_name=f"基准页面企业{n:04d}",
                    diagnosis_type="key_industry",
                    seq=n,
                    city="北京市",
                    industry_id="C31",
                    energy_tce=Decimal(9000),
                )
                for n, c in enumerate(codes, start=1)
            ]
        )


def import_rolled_back(campaign, organizer, content: bytes, *, dry_run: bool) -> None:
    """One 附件3 import (or check) of a ROWS-row file through the service, rolled back."""
    with transaction.atomic():
        outcome = intent_list_import(
            campaign=campaign,
            organizer=organizer,
            file=io.BytesIO(content),
            actor=None,
            dry_run=dry_run,
        )
        assert outcome.ok, outcome.errors[:3]
        assert outcome.created == ROWS, outcome.created
        transaction.set_rollback(True)


def _import_measurements(campaign, organizer) -> list[Measurement]:
    content = intent_file(ROWS)

    def run(dry_run: bool) -> None:
        import_rolled_back(campaign, organizer, content, dry_run=dry_run)

    def floor():
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        for _row in book.active.iter_rows(values_only=True):
            pass
        book.close()

    return [
        Measurement(
            name=f"附件3 import, {ROWS} rows (validation + bulk writes)",
            ours=lambda: run(dry_run=False),
            floor=floor,
            goal=2.0,
            repeat=5,
        ),
        Measurement(
            name=f"附件3 check (dry run), {ROWS} rows (validation, no writes)",
            ours=lambda: run(dry_run=True),
            floor=floor,
            goal=1.25,
            repeat=5,
        ),
    ]


STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def _page_measurement(user) -> Measurement:
    client = Client()
    client.force_login(user, backend="portal.security.backends.TenantModelBackend")
    url = f"/enterprises/tasks/?year={YEAR}&per_page="

    def get(per_page: int):
        # secure: the base settings redirect plain http when DEBUG is off; plain static
        # storage: the bench has not run collectstatic for the manifest.
        with override_settings(STORAGES=STORAGES):
            response = client.get(url + str(per_page), secure=True)
        assert response.status_code == 200, response.status_code
        return response

    counts = {}
    for per_page in (10, 100):
        get(per_page)
        with CaptureQueriesContext(connection) as queries:
            get(per_page)
        counts[per_page] = len(queries.captured_queries)
    print(
        f"  intent-list page queries: {counts[10]} at 10 rows, {counts[100]} at 100 rows",
        file=sys.stderr,
    )
    if counts[10] != counts[100]:
        raise AssertionError(f"query count grows with the page size: {counts}")
    return Measurement(
        name=f"intent-list page, {PAGE_TASKS} tasks: 100 rows vs 10 rows "
        f"({counts[100]} queries each)",
        ours=lambda: get(100),
        floor=lambda: get(10),
        goal=3.0,
        repeat=5,
    )


def import_target() -> tuple[Campaign, Organizer, User]:
    """The campaign, organizer and user the 附件3 import runs for: the organizer's list in a
    campaign of its own, empty (every run is rolled back)."""
    _campaign, organizer, agency, user = _setup()
    campaign, _ = Campaign.objects.get_or_create(
        year=YEAR - 1,
        defaults={
            "name": f"{YEAR - 1}年基准",
            "plan_due": dt.date(YEAR - 1, 5, 31),
            "recommendation_due": dt.date(YEAR - 1, 5, 31),
            "intent_due": dt.date(YEAR - 1, 6, 15),
            "summary_due": dt.date(YEAR - 1, 11, 15),
        },
    )
    Recommendation.objects.get_or_create(campaign=campaign, organizer=organizer, agency=agency)
    return campaign, organizer, user


def measurements() -> list[Measurement]:
    campaign, organizer, agency, user = _setup()
    _page_tasks(campaign, organizer, agency)
    import_campaign, _organizer, _user = import_target()
    return [*_import_measurements(import_campaign, organizer), _page_measurement(user)]

"""Accounts of a real year: the people page and the bulk invitation of 附件3 contacts.

1. The people page of an organizer with 300 accounts (150 with a pending invitation, never
   signed in) at 100 rows per page, against the same page at 10 rows; the number of queries
   must be the same (checked before timing, the bench stops otherwise); goal 3× for ten times
   the rows.
2. Inviting 300 enterprise contacts from 附件3 in one request (the accounts, their one-time
   links, the audit rows; the e-mails go to a worker after the commit) against the bare bulk
   INSERTs of the same 300 users and invitations; goal 6× (the request also checks every row,
   draws 300 one-time links, writes 300 audit rows and renders the answer: 4.9× on the
   machine it was written on, under load). The query count of the request must
   not grow with the rows: it is checked at 30 and 300 rows, besides the INSERT batches the
   database splits (SQLite's parameter cap). Each run is rolled back.

Data lives under campaign 2098 and the organizer BENCH-ACC (基准账号协会), apart from the other
bench modules' data.
"""

import datetime as dt
import math
import secrets
import sys

from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Agency
from bench.harness import Measurement
from enterprises.models import DiagnosisTask, Enterprise
from portal.choices import Role
from portal.models import AuditLog, Campaign, Invitation, User
from portal.validators import credit_check_character
from provinces.choices import OrganizerKind
from provinces.models import Organizer

YEAR, CODE, PEOPLE, CONTACTS = 2098, "BENCH-ACC", 300, 300
STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def code(serial: int) -> str:
    body = f"91110107{serial:09d}"
    return body + credit_check_character(body)


def _setup() -> tuple[Campaign, Organizer, User]:
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
        defaults={"name": "基准账号协会", "kind": OrganizerKind.ASSOCIATION, "sort_order": 998},
    )
    admin, _ = User.objects.get_or_create(
        username="bench-accounts",
        defaults={"role": Role.ORGANIZER, "organizer": organizer, "tenant_admin": True},
    )
    return campaign, organizer, admin


def _people(organizer: Organizer, admin: User) -> None:
    """300 colleagues, every other one invited and never signed in (idempotent)."""
    if User.objects.filter(organizer=organizer, username__startswith="bench-acc-").count():
        return
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(
                username=f"bench-acc-{n:04d}",
                email=f"bench-acc-{n:04d}@example.cn",
                full_name=f"基准同事{n:04d}",
                role=Role.ORGANIZER,
                organizer=organizer,
                last_login=None if n % 2 else timezone.now(),
            )
            for n in range(PEOPLE)
        )
        Invitation.objects.bulk_create(
            Invitation(
                user=u,
                invited_by=admin,
                organizer=organizer,
                nonce=secrets.token_hex(8),
                token_hash=secrets.token_hex(32),
                expires_at=timezone.now() + dt.timedelta(days=3650),
            )
            for n, u in enumerate(users)
            if n % 2
        )


def _contacts(campaign: Campaign, organizer: Organizer) -> list[int]:
    """300 附件3 rows with their enterprises' contacts, none with an account (idempotent)."""
    tasks = DiagnosisTask.objects.filter(campaign=campaign, organizer=organizer)
    if tasks.count() != CONTACTS:
        with transaction.atomic():
            tasks.delete()
            agency, _ = Agency.objects.get_or_create(
                credit_code=code(999_999), defaults={"name": "基准账号节能服务有限公司"}
            )
            codes = [code(n) for n in range(1, CONTACTS + 1)]
            Enterprise.objects.bulk_create(
                [
                    Enterprise(
                        credit_code=c,
                        name=f"基准账号企业{n:04d}",
                        city="北京市",
                        industry_id="C31",
                        contact_name=f"联系人{n:04d}",
                        contact_phone=f"1390000{n:04d}",
                        contact_email=f"bench-contact-{n:04d}@qy.cn",
                    )
                    for n, c in enumerate(codes, start=1)
                ],
                ignore_conflicts=True,
            )
            ids = dict(
                Enterprise.objects.filter(credit_code__in=codes).values_list("credit_code", "pk")
            )
            DiagnosisTask.objects.bulk_create(
                DiagnosisTask(
                    campaign=campaign,
                    organizer=organizer,
                    agency=agency,
                    enterprise_id=ids[c],
                    enterprise_name=f"基准账号企业{n:04d}",
                    diagnosis_type="key_industry",
                    seq=n,
                    city="北京市",
                    industry_id="C31",
                )
                for n, c in enumerate(codes, start=1)
            )
    return list(tasks.order_by("seq").values_list("pk", flat=True))


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="portal.security.backends.TenantModelBackend")
    return client


def _people_measurement(admin: User) -> Measurement:
    client = _client(admin)

    def get(per_page: int):
        # secure: the base settings redirect plain http when DEBUG is off; plain static
        # storage: the bench has not run collectstatic for the manifest.
        with override_settings(STORAGES=STORAGES):
            response = client.get(f"/accounts/people/?per_page={per_page}", secure=True)
        assert response.status_code == 200, response.status_code
        return response

    counts = {}
    for per_page in (10, 100):
        get(per_page)
        with CaptureQueriesContext(connection) as queries:
            get(per_page)
        counts[per_page] = len(queries.captured_queries)
    print(f"  people page queries: {counts}", file=sys.stderr)
    if counts[10] != counts[100]:
        raise AssertionError(f"query count grows with the page size: {counts}")
    return Measurement(
        name=f"people page, {PEOPLE} accounts: 100 rows vs 10 rows ({counts[100]} queries each)",
        ours=lambda: get(100),
        floor=lambda: get(10),
        goal=3.0,
        repeat=5,
    )


def _inserts(count: int) -> int:
    limit = connection.features.max_query_params
    if not limit:
        return 3
    columns = [len(m._meta.concrete_fields) - 1 for m in (User, Invitation, AuditLog)]
    return sum(math.ceil(count / (limit // c)) for c in columns)


def _invite_measurement(campaign: Campaign, admin: User, ids: list[int]) -> Measurement:
    client = _client(admin)

    def post(rows: list[int]) -> int:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            with override_settings(STORAGES=STORAGES):
                response = client.post(
                    "/accounts/invite-contacts/",
                    {"source": "enterprises", "year": YEAR, "rows": rows},
                    secure=True,
                )
            assert response.status_code == 302, response.status_code
            made = User.objects.filter(email__startswith="bench-contact-").count()
            assert made == len(rows), made
            transaction.set_rollback(True)
        return len(queries.captured_queries) - 1  # the count just above

    few, many = post(ids[:30]) - _inserts(30), post(ids) - _inserts(len(ids))
    print(f"  bulk invite queries besides INSERT batches: 30 rows {few}, 300 rows {many}")
    if few != many:
        raise AssertionError(f"the bulk invitation's queries grow with the rows: {few}, {many}")

    enterprises = list(
        DiagnosisTask.objects.filter(pk__in=ids).values_list("enterprise_id", flat=True)
    )

    def floor():
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(
                    username=f"bench-floor-{n}",
                    email=f"bench-floor-{n}@qy.cn",
                    role=Role.ENTERPRISE,
                    enterprise_id=enterprise,
                )
                for n, enterprise in enumerate(enterprises)
            )
            Invitation.objects.bulk_create(
                Invitation(
                    user=u,
                    nonce=str(n),
                    token_hash=f"bench-floor-{n}",
                    expires_at=timezone.now(),
                )
                for n, u in enumerate(users)
            )
            transaction.set_rollback(True)

    return Measurement(
        name=f"bulk invite of {len(ids)} 附件3 contacts, one request ({many} queries + inserts)",
        ours=lambda: post(ids),
        floor=floor,
        goal=6.0,
        repeat=3,
    )


def measurements() -> list[Measurement]:
    campaign, organizer, admin = _setup()
    _people(organizer, admin)
    ids = _contacts(campaign, organizer)
    return [_people_measurement(admin), _invite_measurement(campaign, admin, ids)]

"""Two complete tenants for the permission matrix, built for every scoped model there is.

Tenant A is the requesting side (hebei organizer, agency A, enterprise A); tenant B is "another
tenant" (shandong organizer, agency B, enterprise B). Every model with a scoping rule gets one
object per tenant: through its factory in tests/factories when there is one, else through a
generic builder that fills required fields. Each built object gets a primary key unique across
all models (A from 800000, B from 900000), so a number in a URL names exactly one object and the
matrix needs no table of which route shows which model. Models that cannot be built are listed
with the reason in `World.unbuilt`.
"""

import datetime as dt
import inspect
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

import factory.django
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction

from enterprises.choices import TaskState
from portal.choices import Duty, Role
from portal.models import DocumentJob, Notice
from portal.scoping import ALL, RULES, scope
from tests import factories
from tests.factories import (
    AgencyFactory,
    CampaignFactory,
    DocumentJobFactory,
    EnterpriseFactory,
    TaskFactory,
    UserFactory,
    province,
)

A_BASE, B_BASE = 800_000, 900_000
SECRET_ENTERPRISE = "济南保密化工股份有限公司"  # only tenant B's organizer and agency may see it


@dataclass
class Tenant:
    name: str
    pks: itertools.count
    users: dict[str, object] = field(default_factory=dict)
    objects: dict[type, models.Model] = field(default_factory=dict)  # one per scoped model
    links: dict[type, models.Model] = field(default_factory=dict)  # shared parents to link to
    extras: list[models.Model] = field(default_factory=list)  # more objects to try in URLs
    # For routes with two ids whose first is not a parent of the second: the objects to pair
    # with an inner object (a follow-up task with each measure of the earlier report it follows).
    pairs: dict[int, list[models.Model]] = field(default_factory=dict)

    def target(self, model) -> models.Model | None:
        return self.objects.get(model) or self.links.get(model)


@dataclass
class World:
    a: Tenant
    b: Tenant
    ministry: object
    security: object  # the ministry's security administrator (三员分立), who sees accounts
    markers: list[str]
    unbuilt: dict[str, str] = field(default_factory=dict)

    def values(self, tenant: Tenant) -> dict[int, models.Model]:
        return {obj.pk: obj for obj in [*tenant.objects.values(), *tenant.extras]}


def _is_shared(model) -> bool:
    rule = RULES[model]
    return (
        rule.organizer == rule.agency == rule.enterprise == ALL
        and getattr(rule, "refine", None) is None
    )


def _generic_only() -> set:
    """Models the generic builder makes although a factory exists: it fills every required
    field, the report's file included, which the routes serving those objects need."""
    from reports.models import DiagnosisReport, FollowUp, Measure

    return {DiagnosisReport, Measure, FollowUp}


def _factory_for(model):
    if model in _generic_only():
        return None
    for _name, obj in inspect.getmembers(factories, inspect.isclass):
        if (
            issubclass(obj, factory.django.DjangoModelFactory)
            and obj._meta.model is model
            and not obj._meta.django_get_or_create
        ):
            return obj
    return None


def _links(tenant: Tenant, model) -> dict:
    """Values for the model's required relations: the tenant's object of the target model."""
    values = {}
    for f in model._meta.concrete_fields:
        if f.is_relation and tenant.target(f.related_model) is not None:
            values[f.name] = tenant.target(f.related_model)
    return values


def _scalar(f, n: int):
    if f.choices:
        return f.choices[0][0]
    if isinstance(f, models.BooleanField):
        return False
    if isinstance(f, models.DecimalField | models.FloatField | models.IntegerField):
        return Decimal(1) if isinstance(f, models.DecimalField) else 1
    if isinstance(f, models.DateTimeField):
        return dt.datetime(2021, 6, 1, 9, tzinfo=dt.UTC)
    if isinstance(f, models.DateField):
        return dt.date(2021, 6, 1)
    if isinstance(f, models.JSONField):
        return {}
    if isinstance(f, models.FileField):
        return ContentFile(b"%PDF-1.4 security matrix", name="matrix.pdf")
    if isinstance(f, models.CharField | models.TextField):
        return f"matrix-{n}"[: f.max_length or 64]
    raise TypeError(f"no sample value for {type(f).__name__} {f.name}")


def _generic(model, tenant: Tenant, n: int, pk: int) -> models.Model:
    """Required fields filled with sample values; choice fields tried in turn against checks."""
    values = _generic_values(model, tenant, n, pk)
    choice_fields = [f for f in model._meta.concrete_fields if f.choices and f.name in values]
    options = [[c[0] for c in f.choices] for f in choice_fields]
    last: Exception | None = None
    for combo in itertools.islice(itertools.product(*options), 24):
        values.update({f.name: v for f, v in zip(choice_fields, combo, strict=True)})
        try:
            with transaction.atomic():
                return model.objects.create(**values)
        except IntegrityError as exc:
            last = exc
    raise last or LookupError("no combination of choices passes the constraints")


def _generic_values(model, tenant: Tenant, n: int, pk: int) -> dict:
    values: dict = {"pk": pk}
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name in values:
            continue
        if f.is_relation:
            target = tenant.target(f.related_model)
            if target is None and not f.null:
                raise LookupError(f"needs a {f.related_model.__name__} first")
            values[f.name] = target
        elif not (
            f.null
            or f.has_default()
            or getattr(f, "auto_now", False)
            or getattr(f, "auto_now_add", False)
        ) or (f.choices and not f.null):
            values[f.name] = _scalar(f, n)
    return values


def _build_one(model, tenant: Tenant) -> models.Model:
    pk = next(tenant.pks)
    maker = _factory_for(model)
    with transaction.atomic():
        if maker is not None:
            try:
                with transaction.atomic():
                    return maker(pk=pk, **_links(tenant, model))
            except (IntegrityError, TypeError, ValueError, LookupError):
                pass
        return _generic(model, tenant, pk % 1000, pk)


def _tenant(name: str, base: int, organizer, enterprise_name: str, campaign) -> Tenant:
    """The tenant's staff and its roots: agency, enterprise, task, a finished job, a notice."""
    from agencies.models import Agency
    from enterprises.models import DiagnosisTask, Enterprise
    from portal.models import Campaign, User
    from provinces.models import Organizer

    tenant = Tenant(name=name, pks=itertools.count(base))
    pk = tenant.pks
    agency = AgencyFactory(pk=next(pk), name=f"矩阵测试节能服务中心{name.upper()}")
    enterprise = EnterpriseFactory(pk=next(pk), name=enterprise_name)
    # Not yet published: only its organizer, agency and enterprise may know it exists.
    secret = TaskFactory(
        pk=next(pk),
        campaign=campaign,
        organizer=organizer,
        agency=agency,
        enterprise=enterprise,
        state=TaskState.MATCHED,
    )
    # Reported: the one the reports, rows and follow-ups of this tenant hang off.
    task = TaskFactory(
        pk=next(pk),
        campaign=campaign,
        organizer=organizer,
        agency=agency,
        enterprise=EnterpriseFactory(pk=next(pk), name=f"矩阵测试二厂{name.upper()}"),
        state=TaskState.REPORTED,
    )
    tenant.extras.append(secret)
    tenant.users = {
        # The organizer's and the agency's users administer their tenant's accounts.
        "organizer": UserFactory(
            pk=next(pk),
            username=f"{name}-organizer",
            role=Role.ORGANIZER,
            organizer=organizer,
            tenant_admin=True,
        ),
        "agency": UserFactory(
            pk=next(pk),
            username=f"{name}-agency",
            role=Role.AGENCY,
            agency=agency,
            tenant_admin=True,
        ),
        "enterprise": UserFactory(
            pk=next(pk),
            username=f"{name}-enterprise",
            role=Role.ENTERPRISE,
            enterprise=enterprise,
        ),
    }
    owner = tenant.users["organizer"]
    tenant.extras += _accounts(tenant, organizer, owner)
    job = DocumentJobFactory(
        pk=next(pk),
        requested_by=owner,
        kind="form1",
        campaign=campaign,
        organizer=organizer,
        done=True,
        output_name="form1.xlsx",
    )
    job.output.save("matrix.xlsx", ContentFile(b"PK matrix"), save=True)
    notice = Notice.objects.create(pk=next(pk), recipient=owner, title="matrix")
    tenant.objects.update(
        {
            Agency: agency,
            Enterprise: enterprise,
            DiagnosisTask: task,
            DocumentJob: job,
            Notice: notice,
        }
    )
    tenant.links.update({Organizer: organizer, Campaign: campaign, User: owner})
    return tenant


def _accounts(tenant: Tenant, organizer, owner) -> list[models.Model]:
    """What the account pages and the API-token routes act on: the tenant's users, a colleague
    invited by the organizer's administrator (link not used yet) and an API token of the owner."""
    from portal.models import ApiToken, Invitation
    from portal.security.api_tokens import api_token_issue

    colleague = UserFactory(
        pk=next(tenant.pks),
        username=f"{tenant.name}-colleague",
        role=Role.ORGANIZER,
        organizer=organizer,
    )
    invitation = Invitation.objects.create(
        pk=next(tenant.pks),
        user=colleague,
        invited_by=owner,
        organizer=organizer,
        nonce=f"matrix-{tenant.name}",
        token_hash=f"matrix-invitation-{tenant.name}",
        expires_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC),
    )
    issued, _key = api_token_issue(user=owner, second_factor=False, name="matrix")
    token_pk = next(tenant.pks)
    ApiToken.objects.filter(pk=issued.pk).update(id=token_pk)
    return [*tenant.users.values(), colleague, invitation, ApiToken.objects.get(pk=token_pk)]


def _fill(tenant: Tenant) -> dict[str, str]:
    """One object of every scoped model, parents first (retried while more get built)."""
    todo = [m for m in RULES if not _is_shared(m) and m not in tenant.objects]
    errors: dict = {}
    while todo:
        errors = {}
        for model in todo:
            try:
                tenant.objects[model] = _build_one(model, tenant)
            except Exception as exc:  # reported in World.unbuilt, not fatal
                errors[model] = exc
        if len(errors) == len(todo):
            break
        todo = list(errors)
    return {m._meta.label: f"{type(e).__name__}: {e}"[:200] for m, e in errors.items()}


def _mark_submitted(tenant: Tenant) -> None:
    """Objects with a submission time (reports) count as submitted, so all owners may see them."""
    for obj in tenant.objects.values():
        names = {f.name for f in obj._meta.concrete_fields}
        if "submitted_at" in names and getattr(obj, "submitted_at", None) is None:
            type(obj).objects.filter(pk=obj.pk).update(
                submitted_at=dt.datetime(2021, 9, 1, 9, tzinfo=dt.UTC)
            )


def _in_use(tenant: Tenant, earlier_campaign) -> None:
    """The states some routes need beyond the generic objects: a form submitted (its 报送回执),
    a task letter signed with its scan, and a 跟踪服务 task of this campaign following an earlier
    diagnosis (its report's measure, and a follow-up record with evidence); that report is an
    excellent case, and its enterprise has a dossier."""
    from enterprises.models import TaskLetter
    from provinces.models import Submission, SubmissionEvent
    from provinces.receipts import SUBMIT
    from reports.models import DiagnosisReport, FollowUp
    from tests.factories import DiagnosisReportFactory, MeasureFactory

    owner = tenant.users["organizer"]
    submission = tenant.objects.get(Submission)
    if submission is not None:
        SubmissionEvent.objects.create(
            submission=submission, action=SUBMIT, to_state="submitted", actor=owner
        )
    letter = tenant.objects.get(TaskLetter)
    if letter is not None:
        letter.signed_scan.save("matrix.pdf", ContentFile(b"%PDF-1.4 matrix"), save=True)
    task = tenant.objects[next(m for m in tenant.objects if m.__name__ == "DiagnosisTask")]
    pk = tenant.pks
    followed = EnterpriseFactory(pk=next(pk), name=f"矩阵跟踪三厂{tenant.name.upper()}")
    earlier = TaskFactory(
        pk=next(pk),
        campaign=earlier_campaign,
        organizer=task.organizer,
        agency=task.agency,
        enterprise=followed,
        state=TaskState.ACCEPTED,
    )
    # an excellent case (典型案例库): its case pages serve it
    report = DiagnosisReportFactory(
        pk=next(pk), task=earlier, submitted=True, is_excellent_case=True
    )
    # the tenant's own report is one too: the case page's writes aim at it (open campaign)
    DiagnosisReport.objects.filter(pk=tenant.objects[DiagnosisReport].pk).update(
        is_excellent_case=True
    )
    measure = MeasureFactory(pk=next(pk), report=report, title=f"矩阵早期措施{tenant.name}")
    later = TaskFactory(
        pk=next(pk),
        campaign=task.campaign,
        organizer=task.organizer,
        agency=task.agency,
        enterprise=followed,
        state=TaskState.PUBLISHED,
        diagnosis_type="follow_up",
        previous_task=earlier,
    )
    record = FollowUp.objects.create(pk=next(pk), task=later, measure=measure)
    record.evidence_type, record.evidence_name = "pdf", "发票.pdf"
    record.evidence.save("evidence", ContentFile(b"%PDF-1.4 matrix"), save=True)
    tenant.extras += [later, measure, record, report, followed]
    tenant.pairs[measure.pk] = [later]


def build_world(campaign) -> World:
    """Tenants A (Hebei) and B (Shandong) with one object of every scoped model each."""
    a = _tenant("a", A_BASE, province("130000"), "唐山矩阵钢铁有限公司", campaign)
    b = _tenant("b", B_BASE, province("370000"), SECRET_ENTERPRISE, campaign)
    _fill(a)
    unbuilt = _fill(b)
    for tenant in (a, b):
        _mark_submitted(tenant)
    # Campaigns are read by all; the campaign routes act on this one (an earlier year, so the
    # current campaign stays the one the tenants' rows belong to).
    earlier = CampaignFactory(pk=next(b.pks), year=2019)
    b.extras.append(earlier)
    for tenant in (a, b):
        _in_use(tenant, earlier)
    # Organizers are read by all; the official-name page acts on them (own organizer only).
    b.extras.append(b.links[next(m for m in b.links if m.__name__ == "Organizer")])
    ministry = UserFactory(username="matrix-ministry", role=Role.MINISTRY)
    security = UserFactory(username="matrix-security", role=Role.MINISTRY, duty=Duty.SECURITY)
    enterprise = b.users["enterprise"].enterprise
    return World(
        a=a,
        b=b,
        ministry=ministry,
        security=security,
        markers=[enterprise.name, enterprise.credit_code],
        unbuilt=unbuilt,
    )


def visible(user, obj) -> bool:
    """What the scoping rules say: may `user` see `obj`? Accounts and invitations have no
    scoping rule: an account administrator sees those of the accounts it administers."""
    from portal.models import Invitation, User
    from portal.security.account_admin import (
        invitation_list_for,
        is_account_admin,
        managed_accounts,
    )

    if user is None:
        return False
    if isinstance(obj, User | Invitation):
        if not is_account_admin(user):
            return False
        if isinstance(obj, User):
            return User.objects.filter(managed_accounts(user), pk=obj.pk).exists()
        return invitation_list_for(user, pending=False).filter(pk=obj.pk).exists()
    return scope(type(obj).objects.filter(pk=obj.pk), user).exists()

"""factory_boy factories with a trait per state, e.g. SubmissionFactory(returned=True),
DiagnosisReportFactory(submitted=True), MeasureFactory(implemented=True),
DocumentJobFactory(done=True), TaskLetterFactory(signed=True)."""

import datetime as dt
import random
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from agencies.models import Agency, Recommendation
from enterprises.choices import DiagnosisType, LetterState, TaskState
from enterprises.models import DiagnosisTask, Enterprise, Industry, TaskLetter
from portal.choices import DocumentKind, JobState, Role
from portal.models import Campaign, DocumentJob, User
from portal.validators import credit_check_character
from provinces.choices import OrganizerKind, SubmissionState
from provinces.models import Organizer, Submission
from reports.choices import MeasureKind, MeasureState
from reports.models import DiagnosisReport, FollowUp, Measure

_rng = random.Random(4754)
_ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(division: str = "130100") -> str:
    body = "91" + division + "".join(_rng.choice(_ORG_CHARS) for _ in range(9))
    return body + credit_check_character(body)


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("year",)

    year = 2021
    name = factory.LazyAttribute(lambda o: f"{o.year}年工业节能诊断服务")
    plan_due = factory.LazyAttribute(lambda o: dt.date(o.year, 5, 31))
    recommendation_due = factory.LazyAttribute(lambda o: dt.date(o.year, 5, 31))
    intent_due = factory.LazyAttribute(lambda o: dt.date(o.year, 6, 15))
    summary_due = factory.LazyAttribute(lambda o: dt.date(o.year, 11, 15))
    reminder_days = factory.LazyFunction(lambda: [7, 1])


class OrganizerFactory(DjangoModelFactory):
    """Regional organizers come from the data migration; this makes associations and groups."""

    class Meta:
        model = Organizer
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"ASSOC-T{n}")
    name = factory.Sequence(lambda n: f"测试行业协会{n}")
    kind = OrganizerKind.ASSOCIATION


def province(code: str) -> Organizer:
    return Organizer.objects.get(code=code)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.MINISTRY
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = factory.PostGenerationMethodCall("set_password", "Secret-pass-2021")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    credit_code = factory.LazyFunction(credit_code)
    name = factory.Sequence(lambda n: f"测试节能技术服务有限公司{n}")
    nature = "节能服务公司"
    location = "石家庄市"


class EnterpriseFactory(DjangoModelFactory):
    class Meta:
        model = Enterprise

    credit_code = factory.LazyFunction(credit_code)
    name = factory.Sequence(lambda n: f"测试钢铁有限公司{n}")
    province_code = "130000"
    city = "唐山市"
    county = "路北区"
    industry = factory.LazyFunction(lambda: Industry.objects.get(pk="C31"))
    energy_tce = Decimal("12000")


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    campaign = factory.SubFactory(CampaignFactory)
    organizer = factory.LazyFunction(lambda: province("130000"))
    agency = factory.SubFactory(AgencyFactory)
    # The organizer's declaration starts as the registry's profile (as the service does).
    nature = factory.LazyAttribute(lambda o: o.agency.nature)
    location = factory.LazyAttribute(lambda o: o.agency.location)
    specialties = factory.LazyAttribute(lambda o: o.agency.specialties)
    technical_staff = factory.LazyAttribute(lambda o: o.agency.technical_staff)
    track_record = factory.LazyAttribute(lambda o: o.agency.track_record)
    contact_name = factory.LazyAttribute(lambda o: o.agency.contact_name)
    contact_title = factory.LazyAttribute(lambda o: o.agency.contact_title)
    phone = factory.LazyAttribute(lambda o: o.agency.phone)
    email = factory.LazyAttribute(lambda o: o.agency.email)


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = DiagnosisTask

    campaign = factory.SubFactory(CampaignFactory)
    organizer = factory.LazyFunction(lambda: province("130000"))
    enterprise = factory.SubFactory(EnterpriseFactory)
    agency = factory.SubFactory(AgencyFactory)
    diagnosis_type = DiagnosisType.KEY_INDUSTRY
    # The listing's own columns, as an organizer declares them (here: the record's values).
    enterprise_name = factory.LazyAttribute(lambda o: o.enterprise.name)
    city = factory.LazyAttribute(lambda o: o.enterprise.city)
    county = factory.LazyAttribute(lambda o: o.enterprise.county)
    industry = factory.LazyAttribute(lambda o: o.enterprise.industry)
    energy_tce = factory.LazyAttribute(lambda o: o.enterprise.energy_tce)
    state = TaskState.MATCHED

    class Params:
        published = factory.Trait(state=TaskState.PUBLISHED)
        reported = factory.Trait(state=TaskState.REPORTED)
        accepted = factory.Trait(state=TaskState.ACCEPTED)


class TaskLetterFactory(DjangoModelFactory):
    """A draft 任务书; `signed=True` as the agency leaves it after uploading the signed scan."""

    class Meta:
        model = TaskLetter

    campaign = factory.SubFactory(CampaignFactory)
    organizer = factory.LazyFunction(lambda: province("130000"))
    agency = factory.SubFactory(AgencyFactory)
    state = LetterState.DRAFT

    class Params:
        signed = factory.Trait(
            state=LetterState.SIGNED, signed_at=factory.LazyFunction(timezone.now)
        )


class SubmissionFactory(DjangoModelFactory):
    class Meta:
        model = Submission

    organizer = factory.LazyFunction(lambda: province("130000"))
    campaign = factory.SubFactory(CampaignFactory)
    form = 1
    state = SubmissionState.DRAFT

    class Params:
        submitted = factory.Trait(state=SubmissionState.SUBMITTED)
        returned = factory.Trait(state=SubmissionState.RETURNED, last_comment="请修改")
        approved = factory.Trait(state=SubmissionState.APPROVED)


class DiagnosisReportFactory(DjangoModelFactory):
    """The report of a task, not yet submitted (the task is published: the agency is at work).

    Traits: `submitted=True` (submitted once, the task reported), `accepted=True` (also accepted,
    the task accepted), `historical=True` (an earlier campaign's report entered for a follow-up,
    counted as submitted). A given `task` keeps its own state: the traits set the report's.
    """

    class Meta:
        model = DiagnosisReport

    task = factory.SubFactory(TaskFactory, published=True)

    class Params:
        submitted = factory.Trait(
            submitted_at=factory.LazyFunction(timezone.now),
            submit_count=1,
            task__state=TaskState.REPORTED,
        )
        accepted = factory.Trait(
            submitted=True,
            accepted_at=factory.LazyFunction(timezone.now),
            task__state=TaskState.ACCEPTED,
        )
        historical = factory.Trait(submitted=True, is_historical=True)


class MeasureFactory(DjangoModelFactory):
    """One measure of a submitted report, proposed; a trait per later state of its lifecycle."""

    class Meta:
        model = Measure

    report = factory.SubFactory(DiagnosisReportFactory, submitted=True)
    category = MeasureKind.TECHNICAL
    title = factory.Sequence(lambda n: f"节能措施{n}")
    state = MeasureState.PROPOSED

    class Params:
        planned = factory.Trait(state=MeasureState.PLANNED)
        in_progress = factory.Trait(state=MeasureState.IN_PROGRESS)
        implemented = factory.Trait(state=MeasureState.IMPLEMENTED)
        verified = factory.Trait(state=MeasureState.VERIFIED)
        not_adopted = factory.Trait(state=MeasureState.NOT_ADOPTED, state_reason="资金不足")
        unknown = factory.Trait(state=MeasureState.UNKNOWN)


class FollowUpFactory(DjangoModelFactory):
    """A follow-up record: a task of 2021 revisiting one measure of a 2019 report (by default).

    `realized=True` fills what the enterprise actually invested and saved.
    """

    class Meta:
        model = FollowUp

    measure = factory.SubFactory(MeasureFactory, report__task__campaign__year=2019)
    task = factory.SubFactory(
        TaskFactory,
        published=True,
        diagnosis_type=DiagnosisType.FOLLOW_UP,
        enterprise=factory.SelfAttribute("..measure.report.task.enterprise"),
        previous_task=factory.SelfAttribute("..measure.report.task"),
    )

    class Params:
        realized = factory.Trait(realized_tce=Decimal("50"), actual_investment_wan=Decimal("10"))


class DocumentJobFactory(DjangoModelFactory):
    """A document job as recorded, queued; a trait per later state (`running`, `done`, `failed`).

    Made directly, never sent: tests of the worker path use `portal.jobs` itself.
    """

    class Meta:
        model = DocumentJob

    requested_by = factory.SubFactory(UserFactory)
    kind = DocumentKind.FORM_PLAN
    state = JobState.QUEUED

    class Params:
        running = factory.Trait(
            state=JobState.RUNNING, attempts=1, started_at=factory.LazyFunction(timezone.now)
        )
        done = factory.Trait(
            state=JobState.DONE,
            progress=100,
            attempts=1,
            started_at=factory.LazyFunction(timezone.now),
            finished_at=factory.LazyFunction(timezone.now),
        )
        failed = factory.Trait(
            state=JobState.FAILED,
            attempts=3,
            error="渲染失败",
            started_at=factory.LazyFunction(timezone.now),
            finished_at=factory.LazyFunction(timezone.now),
        )


def api_token_key(user, *, second_factor: bool = False, name: str = "") -> str:
    """A live API token of `user`, issued the one way the portal issues them; returns the key."""
    from portal.security.api_tokens import api_token_issue

    _token, key = api_token_issue(user=user, second_factor=second_factor, name=name)
    return key

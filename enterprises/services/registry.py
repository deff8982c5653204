"""The national enterprise record: an identity (the credit code) with a description.

What an organizer declares about an enterprise in its 附件3 (name as listed, city, county,
industry, SME class, last year's energy) belongs to its task; everything that shows a task reads
those columns. The shared `Enterprise` row is described by these rules only (docs/organizer-workflow.md, "Who
describes the national enterprise record"):

- a listing (page, API, import) that meets an unknown credit code creates the record from its
  row;
- afterwards a listing describes it anew only while it is the enterprise's current listing and
  nobody else's: no other organizer lists the enterprise in any campaign, and no later campaign
  lists it;
- the ministry corrects it (`enterprise_describe`: its system administrator in the Django
  admin; the security and audit administrators and every other role are refused).

Every write of an Enterprise's description goes through this module.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.models import DiagnosisTask, Enterprise
from portal.audit import audit_record
from portal.choices import Duty, Role

from .bulk import insert_many

DESCRIPTION = ("name", "city", "county", "industry_id", "is_sme", "sme_class", "energy_tce")


def listing_description(row) -> dict:
    """What one 附件3 row (a TaskInput or an IntentRow) says about the enterprise."""
    return {
        "name": row.enterprise_name,
        "city": row.city,
        "county": row.county or "",
        "industry_id": row.industry_code,
        "is_sme": row.is_sme,
        "sme_class": row.sme_class or "",
        "energy_tce": row.energy_tce,
    }


@dataclass
class RegistryPlan:
    """What a listing does to the national records: ids of the stored ones, new and changed."""

    ids: dict[str, int] = field(default_factory=dict)
    new: list[dict] = field(default_factory=list)
    changed: list[Enterprise] = field(default_factory=list)


def enterprises_by_code(codes) -> dict[str, Enterprise]:
    return {e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=list(codes))}


def _held_elsewhere(*, campaign, organizer, enterprise_ids) -> set[int]:
    """Records another listing keeps: another organizer's, or a later campaign's (one query)."""
    if not enterprise_ids:
        return set()
    return set(
        DiagnosisTask.objects.filter(enterprise_id__in=enterprise_ids)
        .filter(~Q(organizer_id=organizer.pk) | Q(campaign__year__gt=campaign.year))
        .values_list("enterprise_id", flat=True)
        .distinct()
    )


def listing_plan(
    *, campaign, organizer, described: dict[str, dict], stored: dict[str, Enterprise]
) -> RegistryPlan:
    """Which records the organizer's listing in `campaign` creates or describes anew.

    `described` maps credit codes to `listing_description` values; `stored` is
    `enterprises_by_code` of (at least) those codes. Nothing is written here.
    """
    plan = RegistryPlan()
    held = _held_elsewhere(
        campaign=campaign,
        organizer=organizer,
        enterprise_ids=[stored[code].pk for code in described if code in stored],
    )
    now = timezone.now()
    for code, values in described.items():
        enterprise = stored.get(code)
        if enterprise is None:
            plan.new.append({"credit_code": code, "province_code": code[2:4] + "0000", **values})
            continue
        plan.ids[code] = enterprise.pk
        if enterprise.pk in held:
            continue
        changed = [name for name, value in values.items() if getattr(enterprise, name) != value]
        for name in changed:
            setattr(enterprise, name, values[name])
        if changed:
            enterprise.updated_at = now
            plan.changed.append(enterprise)
    return plan


def listing_write(plan: RegistryPlan) -> dict[str, int]:
    """Store the plan's records (a few queries whatever its size); every code's record id."""
    new_ids = insert_many(Enterprise, plan.new)
    if plan.changed:
        Enterprise.objects.bulk_update(plan.changed, [*DESCRIPTION, "updated_at"], batch_size=500)
    return {
        **plan.ids,
        **{row["credit_code"]: pk for row, pk in zip(plan.new, new_ids, strict=True)},
    }


def enterprise_for_listing(*, campaign, organizer, code: str, row) -> int:
    """The record id for one listed row, created or described by the rules above."""
    plan = listing_plan(
        campaign=campaign,
        organizer=organizer,
        described={code: listing_description(row)},
        stored=enterprises_by_code([code]),
    )
    return listing_write(plan)[code]


@transaction.atomic
def enterprise_describe(*, enterprise: Enterprise, values: dict, actor, request=None) -> Enterprise:
    """The ministry corrects (or registers) a national record; no listing changes with it.

    Ministry staff only: its system administrator in the Django admin, or daily staff. The
    security and audit administrators change no business data (separation of duties).
    """
    if actor.role != Role.MINISTRY or actor.duty not in {Duty.NONE, Duty.SYSTEM}:
        raise PermissionDenied(_("Only the ministry corrects the national enterprise record."))
    for name, value in values.items():
        setattr(enterprise, name, value)
    creating = enterprise.pk is None
    enterprise.save()
    audit_record(
        actor=actor,
        action="enterprise.create" if creating else "enterprise.describe",
        obj=enterprise,
        request=request,
        summary=f"{enterprise.credit_code} {enterprise.name}: {', '.join(sorted(values))}",
    )
    return enterprise

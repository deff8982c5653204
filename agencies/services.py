"""Writes for the national agency registry and the organizers' recommendations (附件2)."""

from collections.abc import Mapping

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.campaigns import campaign_history_import_record, campaign_require_open
from portal.errors import DomainError
from portal.imports import ImportOutcome, read_spreadsheet
from portal.validators import validate_credit_code
from provinces.choices import Form
from provinces.file_organizer import file_organizer_check
from provinces.services import submission_require_editable

from .imports import AgencyRow, parse_agency_list
from .models import DECLARED_FIELDS, REGISTRY_FIELDS, ROW_FIELDS, Agency, Recommendation

NULLABLE = frozenset({"technical_staff", "planned_enterprises"})


def agency_register(*, data: Mapping, actor, request=None) -> tuple[Agency, bool]:
    """The registry's agency with this credit code, created if new (one agency nationally).

    A new agency takes its profile from `data` (the first registration). An existing agency is
    returned as it is: what a later organizer declares belongs to its recommendation, so no
    organizer's 附件2 ever changes the shared row (docs/organizer-workflow.md, "Agencies: the registry and what each organizer declares").
    """
    code = validate_credit_code(data["credit_code"])
    agency = Agency.objects.filter(credit_code=code).first()
    if agency is not None:
        return agency, False
    agency = Agency(credit_code=code, **{f: data[f] for f in REGISTRY_FIELDS if f in data})
    agency.full_clean()
    agency.save()
    audit_record(
        actor=actor,
        action="agency.register",
        obj=agency,
        request=request,
        summary=f"{agency.credit_code} {agency.name}",
    )
    return agency, True


def declared_values(agency: Agency, data: Mapping | None = None) -> dict:
    """A 附件2 row's declared values: those given in `data`, the registry profile for the rest.

    Recommending a registry agency without typing its details adopts the registry's profile as
    the organizer's own declaration, which the organizer may then change on its own row.
    """
    data = data or {}
    return {f: data[f] if f in data else getattr(agency, f) for f in DECLARED_FIELDS}


def _require_editable(organizer, campaign) -> None:
    campaign_require_open(campaign)
    submission_require_editable(
        organizer=organizer, campaign=campaign, form=Form.RECOMMENDATION, lock=True
    )


@transaction.atomic
def recommendation_add(
    *,
    campaign,
    organizer,
    agency: Agency,
    actor,
    planned_enterprises=None,
    remarks: str = "",
    declared: Mapping | None = None,
    request=None,
) -> Recommendation:
    """Add an agency to the organizer's 附件2 with what the organizer declares about it."""
    _require_editable(organizer, campaign)
    if Recommendation.objects.filter(
        campaign=campaign, organizer=organizer, agency=agency
    ).exists():
        raise DomainError(
            _("%(agency)s is already on your recommendation list.") % {"agency": agency.name}
        )
    last = (
        Recommendation.objects.filter(campaign=campaign, organizer=organizer).aggregate(
            n=Max("seq")
        )["n"]
        or 0
    )
    recommendation = Recommendation(
        campaign=campaign,
        organizer=organizer,
        agency=agency,
        seq=last + 1,
        planned_enterprises=planned_enterprises,
        remarks=remarks or "",
        **declared_values(agency, declared),
    )
    _clean(recommendation, [*(declared or {}), "planned_enterprises", "remarks"])
    recommendation.save()
    audit_record(
        actor=actor,
        action="recommendation.add",
        obj=recommendation,
        organizer=organizer,
        request=request,
        summary=agency.name,
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *, recommendation: Recommendation, actor, request=None, **changes
) -> Recommendation:
    """Change the organizer's own 附件2 row (any of ROW_FIELDS); the agency row is not touched."""
    unknown = set(changes) - set(ROW_FIELDS)
    if unknown:
        raise TypeError(f"Not a 附件2 field: {', '.join(sorted(unknown))}")
    _require_editable(recommendation.organizer, recommendation.campaign)
    for name, value in changes.items():
        setattr(recommendation, name, "" if value is None and name not in NULLABLE else value)
    _clean(recommendation, changes)
    recommendation.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor,
        action="recommendation.update",
        obj=recommendation,
        request=request,
        summary=recommendation.agency.name,
    )
    return recommendation


def _clean(recommendation: Recommendation, names) -> None:
    """Check the given fields against the model (e-mail format, lengths, ≥ 0)."""
    others = [f.name for f in Recommendation._meta.fields if f.name not in set(names)]
    recommendation.clean_fields(exclude=others)


@transaction.atomic
def recommendation_remove(*, recommendation: Recommendation, actor, request=None) -> None:
    """Take an agency off the list; it stays in the national registry."""
    _require_editable(recommendation.organizer, recommendation.campaign)
    audit_record(
        actor=actor,
        action="recommendation.remove",
        obj=recommendation,
        request=request,
        summary=recommendation.agency.name,
    )
    recommendation.delete()


def agency_list_import(
    *,
    campaign,
    organizer,
    file,
    actor,
    dry_run: bool = False,
    request=None,
    history_import: bool = False,
    other_organizer_ok: bool = False,
) -> ImportOutcome:
    """Load an 附件2 spreadsheet as the organizer's recommendations, all or nothing.

    Agencies are matched in the national registry by credit code (SPEC §9); a new one is
    registered from its row. Every value of a row is this organizer's declaration and is stored on
    its recommendation only; the counts are of recommendations. Importing the same file again
    changes nothing. Only the import command passes `history_import` (a closed year's history;
    audited). A file whose 填报单位 names another organizer is refused unless
    `other_organizer_ok`.
    """
    closed = campaign_require_open(campaign, history_import=history_import)
    parsed = read_spreadsheet(parse_agency_list, file)
    file_organizer_check(
        text=parsed.organizer_text, organizer=organizer, other_organizer_ok=other_organizer_ok
    )
    outcome = ImportOutcome(
        rows=len(parsed.rows) + len({e.sheet_row for e in parsed.errors}),
        errors=list(parsed.errors),
        dry_run=dry_run,
        layout=parsed.layout,
    )
    if parsed.errors:
        return outcome
    with transaction.atomic():
        submission_require_editable(
            organizer=organizer, campaign=campaign, form=Form.RECOMMENDATION, lock=True
        )
        existing = {
            r.agency.credit_code: r
            for r in Recommendation.objects.filter(
                campaign=campaign, organizer=organizer
            ).select_related("agency")
        }
        for row in parsed.rows:
            current = existing.get(row.credit_code)
            wanted = {
                "seq": _seq(row),
                **{f: getattr(row, f) for f in ROW_FIELDS},
            }
            if current is None:
                outcome.created += 1
                if not dry_run:
                    agency, _new = agency_register(
                        data=_registry_data(row), actor=actor, request=request
                    )
                    Recommendation.objects.create(
                        campaign=campaign, organizer=organizer, agency=agency, **wanted
                    )
            elif any(getattr(current, k) != v for k, v in wanted.items()):
                outcome.updated += 1
                if not dry_run:
                    Recommendation.objects.filter(pk=current.pk).update(
                        **wanted, updated_at=timezone.now()
                    )
            else:
                outcome.unchanged += 1
        if not dry_run:
            audit_record(
                actor=actor,
                action="recommendation.import",
                organizer=organizer,
                object_type="agencies.recommendation",
                request=request,
                summary=f"{campaign.year}: +{outcome.created} ~{outcome.updated} "
                f"={outcome.unchanged}",
            )
            if closed:
                campaign_history_import_record(
                    campaign=campaign,
                    organizer=organizer,
                    what="import_agency_list",
                    summary=f"+{outcome.created} ~{outcome.updated} ={outcome.unchanged}",
                )
    return outcome


def _seq(row: AgencyRow) -> int:
    return row.seq if isinstance(row.seq, int) and row.seq >= 0 else row.sheet_row


def _registry_data(row: AgencyRow) -> dict:
    return {"credit_code": row.credit_code, **{f: getattr(row, f) for f in REGISTRY_FIELDS}}

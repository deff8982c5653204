"""Writes for the national agency registry and the organizers' recommendations (附件2)."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.campaigns import campaign_history_import_record, campaign_require_open
from portal.errors import DomainError
from portal.spreadsheets import ParseResult, RowError, SpreadsheetError
from portal.validators import validate_credit_code
from provinces.choices import Form
from provinces.services import submission_require_editable

from .imports import AgencyRow, parse_agency_list
from .models import Agency, Recommendation

# 附件2 fields kept in the registry; the recommendation holds planned_enterprises and remarks.
REGISTRY_FIELDS = (
    "name",
    "nature",
    "location",
    "specialties",
    "technical_staff",
    "track_record",
    "contact_name",
    "contact_title",
    "phone",
    "email",
)


def agency_register(*, data: Mapping, actor, request=None) -> tuple[Agency, bool]:
    """The registry's agency with this credit code, created if new (one agency nationally).

    An existing agency keeps what it has; only its empty fields are filled in, so a second
    province recommending the same agency never overwrites the first one's data.
    """
    code = validate_credit_code(data["credit_code"])
    agency = Agency.objects.filter(credit_code=code).first()
    if agency is None:
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
    blanks = [
        f
        for f in REGISTRY_FIELDS
        if f in data and data[f] not in (None, "") and getattr(agency, f) in (None, "")
    ]
    if blanks:
        for name in blanks:
            setattr(agency, name, data[name])
        agency.save(update_fields=[*blanks, "updated_at"])
    return agency, False


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
    request=None,
) -> Recommendation:
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
    recommendation = Recommendation.objects.create(
        campaign=campaign,
        organizer=organizer,
        agency=agency,
        seq=last + 1,
        planned_enterprises=planned_enterprises,
        remarks=remarks or "",
    )
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
    *,
    recommendation: Recommendation,
    actor,
    planned_enterprises=None,
    remarks: str = "",
    request=None,
) -> Recommendation:
    _require_editable(recommendation.organizer, recommendation.campaign)
    recommendation.planned_enterprises = planned_enterprises
    recommendation.remarks = remarks or ""
    recommendation.save(update_fields=["planned_enterprises", "remarks", "updated_at"])
    audit_record(
        actor=actor,
        action="recommendation.update",
        obj=recommendation,
        request=request,
        summary=recommendation.agency.name,
    )
    return recommendation


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


@dataclass
class ImportOutcome:
    """What an import did (or, for a dry run, would do); nothing is written when errors exist."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_spreadsheet(parse, file) -> ParseResult:
    """Run a pure parser; a file refused as a whole becomes a DomainError with its reason."""
    try:
        return parse(file)
    except SpreadsheetError as exc:
        raise DomainError(str(exc)) from exc


def agency_list_import(
    *,
    campaign,
    organizer,
    file,
    actor,
    dry_run: bool = False,
    request=None,
    history_import: bool = False,
) -> ImportOutcome:
    """Load an 附件2 spreadsheet as the organizer's recommendations, all or nothing.

    Agencies are matched in the national registry by credit code (SPEC §9); the counts are of
    recommendations. Importing the same file again changes nothing. Only the import command
    passes `history_import` (a closed year's history; audited).
    """
    closed = campaign_require_open(campaign, history_import=history_import)
    parsed = read_spreadsheet(parse_agency_list, file)
    outcome = ImportOutcome(
        rows=len(parsed.rows) + len({e.sheet_row for e in parsed.errors}),
        errors=list(parsed.errors),
        dry_run=dry_run,
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
                "planned_enterprises": row.planned_enterprises,
                "remarks": row.remarks,
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
                    Recommendation.objects.filter(pk=current.pk).update(**wanted)
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

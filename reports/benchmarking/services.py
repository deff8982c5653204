"""Writes of benchmarking: a report's product rows (agency, draft, audited) and the ministry's
upload of a new table or edition (all rows or none)."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.choices import Role
from portal.errors import DomainError
from portal.scoping import get_scoped_or_404
from reports.benchmarking.datafiles import parse_entries
from reports.benchmarking.selectors import entry_for_year
from reports.calculations.benchmarking import benchmark, energy_unit
from reports.calculations.errors import CalculationError
from reports.diagnosis.services.access import editable_report, require_role
from reports.models import BenchmarkEntry, BenchmarkTable, DiagnosisReport, ProductRow
from reports.models.benchmarking import BenchmarkKind, BenchmarkLevel

_PLACES = Decimal("0.0001")
PRODUCT_INPUT = ("entry", "product", "output", "output_unit", "energy", "energy_unit", "note")


def _entry(report: DiagnosisReport, value) -> BenchmarkEntry | None:
    entry_id = getattr(value, "pk", value)
    if entry_id in (None, ""):
        return None
    year = report.task.campaign.year
    try:
        entry = entry_for_year(int(entry_id), year)
    except (TypeError, ValueError):
        entry = None
    if entry is None:
        raise DomainError(
            _("Choose a benchmark of the edition the %(year)s campaign uses.") % {"year": year},
            field="entry",
        )
    return entry


def product_values(report: DiagnosisReport, data: Mapping[str, Any]) -> dict[str, Any]:
    """The row's entered values and what is computed from them against its benchmark."""
    entry = _entry(report, data.get("entry"))
    product = (data.get("product") or (entry.product if entry else "")).strip()
    if not product:
        raise DomainError(_("Name the product or choose its benchmark."), field="product")
    try:
        unit = energy_unit(data.get("energy_unit") or "tce")
    except CalculationError as exc:
        raise DomainError(str(exc), field="energy_unit") from None
    values: dict[str, Any] = {
        "entry": entry,
        "product": product[:128],
        "output": data.get("output"),
        "output_unit": (data.get("output_unit") or "t").strip(),
        "energy": data.get("energy"),
        "energy_unit": unit,
        "note": data.get("note") or "",
        "unit_consumption": None,
        "indicator_unit": "",
        "level": BenchmarkLevel.NO_TABLE,
        "standard_cited": "",
        "later_edition": False,
        "saving_to_limit_tce": None,
        "saving_to_leading_tce": None,
    }
    if values["output"] is None or values["output"] <= 0:
        raise DomainError(_("The output must be greater than zero."), field="output")
    if values["energy"] is None:
        raise DomainError(_("Enter the energy attributed to the product."), field="energy")
    if entry is None:
        return values
    try:
        result = benchmark(
            energy=values["energy"],
            energy_unit_text=unit,
            output=values["output"],
            output_unit=values["output_unit"],
            indicator=entry.unit,
            limit=entry.limit_value,
            advanced=entry.advanced_value,
            leading=entry.leading_value,
        )
    except CalculationError as exc:
        raise DomainError(str(exc), field="output_unit") from None
    return values | {
        "unit_consumption": result.value.quantize(_PLACES),
        "indicator_unit": entry.unit,
        "level": result.level,
        "standard_cited": entry.cited[:128],
        "later_edition": entry.later_edition,
        "saving_to_limit_tce": _q(result.saving_to_limit_tce),
        "saving_to_leading_tce": _q(result.saving_to_leading_tce),
    }


def _q(value):
    return None if value is None else value.quantize(_PLACES)


def _audit(actor, action: str, row: ProductRow, report: DiagnosisReport, request=None) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=row,
        organizer=report.task.organizer_id,
        request=request,
        summary=f"{row.product}: {row.output} {row.output_unit}, {row.energy} {row.energy_unit}"
        f" → {row.unit_consumption or '—'} {row.indicator_unit} ({row.level})",
    )


@transaction.atomic
def product_row_add(*, task_id: int, actor, data: Mapping[str, Any], request=None) -> ProductRow:
    """A main product with its output and energy, compared with the benchmark chosen."""
    report = editable_report(task_id, actor)
    row = ProductRow.objects.create(report=report, **product_values(report, data))
    _audit(actor, "report.product_add", row, report, request)
    return row


@transaction.atomic
def product_row_update(
    *, row_id: int, actor, data: Mapping[str, Any], task_id: int | None = None, request=None
) -> ProductRow:
    """Change a product row: fields left out keep what was entered; recomputed as a new row."""
    lookup = {"report__task_id": task_id} if task_id is not None else {}
    found = get_scoped_or_404(
        ProductRow.objects.select_related("report"), actor, pk=row_id, **lookup
    )
    report = editable_report(found.report.task_id, actor)
    row = ProductRow.objects.select_for_update().get(pk=row_id, report=report)
    entered = {name: getattr(row, name) for name in PRODUCT_INPUT}
    for name, value in product_values(report, {**entered, **data}).items():
        setattr(row, name, value)
    row.save()
    _audit(actor, "report.product_update", row, report, request)
    return row


@transaction.atomic
def product_row_remove(*, row_id: int, actor, task_id: int | None = None, request=None) -> None:
    lookup = {"report__task_id": task_id} if task_id is not None else {}
    found = get_scoped_or_404(
        ProductRow.objects.select_related("report"), actor, pk=row_id, **lookup
    )
    report = editable_report(found.report.task_id, actor)
    row = ProductRow.objects.get(pk=row_id, report=report)
    _audit(actor, "report.product_remove", row, report, request)
    row.delete()


TABLE_FIELDS = (
    "code",
    "edition",
    "title",
    "kind",
    "effective_year",
    "source",
    "confidence",
    "notes",
)


class UploadRefused(DomainError):
    """The file has wrong rows: `errors` names each one; nothing was stored."""

    def __init__(self, errors: list[str]):
        super().__init__(_("Nothing was stored: %(n)s problems in the file.") % {"n": len(errors)})
        self.errors = errors


@transaction.atomic
def benchmark_table_upload(
    *, actor, data: Mapping[str, Any], content: str, request=None
) -> BenchmarkTable:
    """A new table or edition from the ministry's CSV: every row is checked first and the
    whole file is refused, naming each wrong row, if any is wrong."""
    require_role(actor, Role.MINISTRY)
    values = {name: data.get(name) for name in TABLE_FIELDS}
    values["notes"] = values["notes"] or ""
    values["title"] = values["title"] or ""
    values["kind"] = values["kind"] or BenchmarkKind.LIMIT_STANDARD
    for name in ("code", "edition", "source", "confidence", "effective_year"):
        if not values[name]:
            raise DomainError(_("This field is required."), field=name)
    if BenchmarkTable.objects.filter(code=values["code"], edition=values["edition"]).exists():
        raise DomainError(
            _("%(code)s-%(edition)s is already loaded; upload it as a new edition.") % values,
            field="edition",
        )
    parsed = parse_entries(content)
    if parsed.errors:
        raise UploadRefused(parsed.errors)
    table = BenchmarkTable.objects.create(uploaded_by=actor, **values)
    BenchmarkEntry.objects.bulk_create(
        BenchmarkEntry(table=table, **entry) for entry in parsed.entries
    )
    audit_record(
        actor=actor,
        action="benchmark.upload",
        obj=table,
        request=request,
        summary=f"{table}: {len(parsed.entries)} entries",
    )
    return table

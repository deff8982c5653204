"""The data checks as pure functions: facts in, findings out (no database).

Each check has a default severity and thresholds (DEFAULTS); the ministry changes them per
campaign with a CheckRule row (Settings). A finding names the row (`target`, `where`), the field
and why; errors block submit, warnings need a written reason.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from enterprises.choices import DiagnosisType
from reports.calculations.measures import co2_from_tce
from reports.choices import CheckCode as C
from reports.choices import CheckSeverity as S
from reports.choices import EquipmentType, MeasureKind, Rating

D = Decimal


@dataclass(frozen=True)
class Setting:
    severity: str
    low: Decimal | None = None
    high: Decimal | None = None


# What each check does without a CheckRule row for the campaign.
DEFAULTS: dict[str, Setting] = {
    C.PAYBACK_TECHNICAL: Setting(S.WARNING, D("0.3"), D("15")),  # years
    C.PAYBACK_MANAGEMENT: Setting(S.WARNING, None, D("5")),  # years
    C.SAVINGS_EXCEED: Setting(S.ERROR),
    C.SAVINGS_SHARE: Setting(S.WARNING, None, D("30")),  # % of the consumption
    C.ENERGY_VS_LIST: Setting(S.WARNING, None, D("30")),  # % off the 附件3 figure
    C.EQUIPMENT_BALANCE: Setting(S.WARNING, None, D("120")),  # % of the electricity consumed
    C.EQUIPMENT_MISSING: Setting(S.WARNING, None, D("5000000")),  # kWh consumed
    C.EQUIPMENT_NO_TABLE: Setting(S.WARNING),
    C.CO2_FACTOR: Setting(S.WARNING, None, D("2")),  # % off the campaign's factor
    C.SME_ENERGY: Setting(S.WARNING, None, D("5000")),  # tce
    C.KEY_SECTOR: Setting(S.WARNING),
    C.CREDIT_REGION: Setting(S.WARNING),
}

REPORT_CHECKS = (
    C.PAYBACK_TECHNICAL,
    C.PAYBACK_MANAGEMENT,
    C.SAVINGS_EXCEED,
    C.SAVINGS_SHARE,
    C.ENERGY_VS_LIST,
    C.EQUIPMENT_BALANCE,
    C.EQUIPMENT_MISSING,
    C.EQUIPMENT_NO_TABLE,
    C.CO2_FACTOR,
    C.SME_ENERGY,
)
LIST_CHECKS = (C.SME_ENERGY, C.KEY_SECTOR, C.CREDIT_REGION)


class Settings:
    """The campaign's severity and thresholds of each check: its CheckRule rows over DEFAULTS."""

    def __init__(self, rules: Iterable[Any] = ()):
        self._by_code = dict(DEFAULTS)
        for rule in rules:
            default = DEFAULTS[rule.code]
            self._by_code[rule.code] = Setting(
                rule.severity,
                rule.low if rule.low is not None else default.low,
                rule.high if rule.high is not None else default.high,
            )

    def __getitem__(self, code: str) -> Setting:
        return self._by_code[code]


@dataclass
class Finding:
    """One flagged figure: which check, which row and field, why, and the reason given."""

    code: str
    severity: str
    target: str
    where: str
    field: str
    message: str
    reason: str = ""
    reason_by: str = ""
    field_label: str = ""  # the field's name in words (set by the selectors)

    @property
    def key(self) -> str:
        """How a form or an API body names the finding a reason is for."""
        return f"{self.code}:{self.target}"

    @property
    def blocks(self) -> bool:
        return self.severity == S.ERROR or (self.severity == S.WARNING and not self.reason)

    @property
    def label(self) -> str:
        return str(C(self.code).label)


@dataclass(frozen=True)
class ListRow:
    """An intent-list row (附件3) as the checks see it."""

    task_id: int
    seq: int
    name: str
    diagnosis_type: str
    energy_tce: Decimal | None
    credit_code: str
    key_sector: str
    industry: str
    organizer_region: str  # the first two digits of a regional organizer's division code, or ""


@dataclass(frozen=True)
class ReportFacts:
    """A report's figures as the checks see them (reports/checks/selectors.py loads them)."""

    row: ListRow
    energy_tce: Decimal
    electricity_kwh: Decimal
    co2_per_tce: Decimal | None
    energy: Sequence[Any] = field(default_factory=tuple)
    equipment: Sequence[Any] = field(default_factory=tuple)
    measures: Sequence[Any] = field(default_factory=tuple)


def _num(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"


def _measure_where(measure) -> str:
    return _("Measure “%(title)s”") % {"title": measure.title}


def _payback(facts: ReportFacts, settings: Settings) -> list[Finding]:
    found = []
    for measure in facts.measures:
        if measure.payback_years is None:
            continue
        code = (
            C.PAYBACK_TECHNICAL
            if measure.category == MeasureKind.TECHNICAL
            else C.PAYBACK_MANAGEMENT
        )
        rule = settings[code]
        low, high, years = rule.low, rule.high, measure.payback_years
        if (low is not None and years < low) or (high is not None and years > high):
            found.append(
                Finding(
                    code,
                    rule.severity,
                    f"measure:{measure.pk}",
                    _measure_where(measure),
                    "payback_years",
                    _(
                        "A payback of %(years)s years is outside the plausible range for a "
                        "%(kind)s measure (%(low)s–%(high)s years): check the investment and "
                        "the annual savings."
                    )
                    % {
                        "years": _num(years),
                        "kind": MeasureKind(measure.category).label,
                        "low": _num(low or D(0)),
                        "high": _num(high) if high is not None else "∞",
                    },
                )
            )
    return found


def _savings(facts: ReportFacts, settings: Settings) -> list[Finding]:
    found = []
    tce = sum((m.savings_tce for m in facts.measures), D(0))
    kwh = sum((m.savings_kwh for m in facts.measures), D(0))
    exceed = settings[C.SAVINGS_EXCEED]
    pairs = (
        ("savings_tce", tce, facts.energy_tce, "tce"),
        ("savings_kwh", kwh, facts.electricity_kwh, "kWh"),
    )
    over = False
    for name, saved, used, unit in pairs:
        if saved > 0 and saved > used:
            over = True
            found.append(
                Finding(
                    C.SAVINGS_EXCEED,
                    exceed.severity,
                    "report",
                    _("All measures"),
                    name,
                    _(
                        "The measures save %(saved)s %(unit)s a year, more than the enterprise "
                        "consumes (%(used)s %(unit)s)."
                    )
                    % {"saved": _num(saved), "used": _num(used), "unit": unit},
                )
            )
    share = settings[C.SAVINGS_SHARE]
    if not over and share.high is not None and facts.energy_tce > 0:
        pct = tce / facts.energy_tce * 100
        if pct > share.high:
            found.append(
                Finding(
                    C.SAVINGS_SHARE,
                    share.severity,
                    "report",
                    _("All measures"),
                    "savings_tce",
                    _(
                        "The measures save %(pct)s%% of the enterprise's consumption; more than "
                        "%(high)s%% is rarely achievable."
                    )
                    % {"pct": _num(pct.quantize(D("0.1"))), "high": _num(share.high)},
                )
            )
    return found


def _energy_vs_list(facts: ReportFacts, settings: Settings) -> list[Finding]:
    rule, listed = settings[C.ENERGY_VS_LIST], facts.row.energy_tce
    if not listed or rule.high is None or facts.energy_tce <= 0:
        return []
    off = abs(facts.energy_tce - listed) / listed * 100
    if off <= rule.high:
        return []
    return [
        Finding(
            C.ENERGY_VS_LIST,
            rule.severity,
            "report",
            _("Energy consumption"),
            "energy_tce",
            _(
                "The report's consumption (%(report)s tce) is %(off)s%% off the %(listed)s tce "
                "declared in the intent list (附件3)."
            )
            % {
                "report": _num(facts.energy_tce.quantize(D("0.01"))),
                "off": _num(off.quantize(D("1"))),
                "listed": _num(listed),
            },
        )
    ]


def _equipment_kwh(row) -> Decimal:
    """What a line of electric equipment uses a year: rating × count × hours × load factor."""
    return row.rating * row.count * row.annual_hours * (row.load_factor or D(1))


def _equipment(facts: ReportFacts, settings: Settings) -> list[Finding]:
    found = []
    electric = [
        row
        for row in facts.equipment
        if row.rating_unit == "kW" and row.equipment_type != EquipmentType.BOILER
    ]
    balance = settings[C.EQUIPMENT_BALANCE]
    used = sum((_equipment_kwh(row) for row in electric), D(0))
    if balance.high is not None and used > 0 and used > facts.electricity_kwh * balance.high / 100:
        found.append(
            Finding(
                C.EQUIPMENT_BALANCE,
                balance.severity,
                "report",
                _("Key equipment"),
                "annual_hours",
                _(
                    "The equipment listed would use %(used)s kWh a year (rating × count × hours "
                    "× load), more than the %(kwh)s kWh of electricity the report declares."
                )
                % {"used": _num(used.quantize(D("1"))), "kwh": _num(facts.electricity_kwh)},
            )
        )
    missing = settings[C.EQUIPMENT_MISSING]
    if missing.high is not None and not facts.equipment and facts.electricity_kwh >= missing.high:
        found.append(
            Finding(
                C.EQUIPMENT_MISSING,
                missing.severity,
                "report",
                _("Key equipment"),
                "equipment",
                _(
                    "The enterprise uses %(kwh)s kWh of electricity a year but no key equipment "
                    "is listed."
                )
                % {"kwh": _num(facts.electricity_kwh)},
            )
        )
    no_table = settings[C.EQUIPMENT_NO_TABLE]
    for row in facts.equipment:
        if row.rating_status == Rating.NO_TABLE and row.equipment_type != EquipmentType.KILN:
            found.append(
                Finding(
                    C.EQUIPMENT_NO_TABLE,
                    no_table.severity,
                    f"equipment:{row.pk}",
                    _("Equipment “%(name)s”") % {"name": row.name},
                    "rating",
                    _(
                        "No grading table covers a %(type)s of %(rating)s %(unit)s: check the "
                        "rated power and its unit."
                    )
                    % {
                        "type": EquipmentType(row.equipment_type).label,
                        "rating": _num(row.rating),
                        "unit": row.rating_unit,
                    },
                )
            )
    return found


def _co2(facts: ReportFacts, settings: Settings) -> list[Finding]:
    rule, factor = settings[C.CO2_FACTOR], facts.co2_per_tce
    if factor is None or rule.high is None:
        return []
    found = []
    for measure in facts.measures:
        expected = co2_from_tce(measure.savings_tce, factor)
        if expected <= 0:
            continue
        off = abs(measure.co2_t - expected) / expected * 100
        if off > rule.high:
            found.append(
                Finding(
                    C.CO2_FACTOR,
                    rule.severity,
                    f"measure:{measure.pk}",
                    _measure_where(measure),
                    "co2_t",
                    _(
                        "The CO₂ reduction (%(co2)s t) does not match the campaign's factor: "
                        "%(tce)s tce × %(factor)s tCO₂/tce = %(expected)s t."
                    )
                    % {
                        "co2": _num(measure.co2_t.quantize(D("0.01"))),
                        "tce": _num(measure.savings_tce),
                        "factor": _num(factor),
                        "expected": _num(expected.quantize(D("0.01"))),
                    },
                )
            )
    return found


def _list_row_where(row: ListRow) -> str:
    return _("No. %(seq)s %(name)s") % {"seq": row.seq, "name": row.name}


def _sme_energy(row: ListRow, settings: Settings, energy_tce: Decimal | None) -> list[Finding]:
    rule = settings[C.SME_ENERGY]
    if row.diagnosis_type != DiagnosisType.SME or rule.high is None or energy_tce is None:
        return []
    if energy_tce < rule.high:
        return []
    return [
        Finding(
            C.SME_ENERGY,
            rule.severity,
            f"task:{row.task_id}",
            _list_row_where(row),
            "energy_tce",
            _(
                "A small or medium enterprise diagnosis for an enterprise using %(tce)s tce a "
                "year (%(high)s tce or more is usually a key energy user)."
            )
            % {"tce": _num(energy_tce), "high": _num(rule.high)},
        )
    ]


def check_list_row(row: ListRow, settings: Settings) -> list[Finding]:
    """The checks of one intent-list row (附件3)."""
    found = _sme_energy(row, settings, row.energy_tce)
    sector = settings[C.KEY_SECTOR]
    if row.diagnosis_type == DiagnosisType.KEY_INDUSTRY and not row.key_sector:
        found.append(
            Finding(
                C.KEY_SECTOR,
                sector.severity,
                f"task:{row.task_id}",
                _list_row_where(row),
                "industry",
                _(
                    "A key-industry diagnosis, but the industry (%(industry)s) is not one of the "
                    "five key sectors."
                )
                % {"industry": row.industry or _("not given")},
            )
        )
    region = settings[C.CREDIT_REGION]
    code_region = row.credit_code[2:4]
    if row.organizer_region and len(row.credit_code) == 18 and code_region != row.organizer_region:
        found.append(
            Finding(
                C.CREDIT_REGION,
                region.severity,
                f"task:{row.task_id}",
                _list_row_where(row),
                "credit_code",
                _(
                    "The credit code %(code)s was issued in division %(region)s…, not in the "
                    "organizer's province (%(own)s…)."
                )
                % {"code": row.credit_code, "region": code_region, "own": row.organizer_region},
            )
        )
    return [f for f in found if f.severity != S.OFF]


REPORT_FUNCTIONS: tuple[Callable[[ReportFacts, Settings], list[Finding]], ...] = (
    _payback,
    _savings,
    _energy_vs_list,
    _equipment,
    _co2,
)


def check_report(facts: ReportFacts, settings: Settings) -> list[Finding]:
    """The checks of a report's figures, errors first."""
    found: list[Finding] = []
    for check in REPORT_FUNCTIONS:
        found += check(facts, settings)
    found += _sme_energy(facts.row, settings, facts.energy_tce or None)
    found = [f for f in found if f.severity != S.OFF]
    return sorted(found, key=lambda f: f.severity != S.ERROR)


def with_reasons(findings: list[Finding], reasons: Mapping[str, Any]) -> list[Finding]:
    """The findings with the reasons given (CheckReason rows by `code:target`)."""
    out = []
    for finding in findings:
        given = reasons.get(finding.key)
        if given is not None:
            finding = replace(finding, reason=given.reason, reason_by=str(given.given_by))
        out.append(finding)
    return out

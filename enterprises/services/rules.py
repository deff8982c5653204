"""The intent-list rules that need the database (SPEC §8), shared by imports and single edits.

- one task per enterprise per campaign, across all organizers (the message names the other one);
- exactly one agency, which must be on the organizer's recommendation list or in the national
  registry (matched by name, and by credit code where one is given).
The rules of a row alone (区域集中式 needs its park, SME class against the SME flag) are in
`row_rule_errors`, which the pure spreadsheet parser applies the same way.
"""

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from agencies.models import Agency, Recommendation
from enterprises.choices import DiagnosisType
from enterprises.models import DiagnosisTask
from portal.spreadsheets import normalize_text
from portal.validators import CREDIT_CHARSET

_CODE_IN_TEXT = re.compile(rf"^(.*?)[(]?([{CREDIT_CHARSET}]{{18}})[)]?$")


def _key(name: str) -> str:
    return normalize_text(name).upper()


class AgencyResolver:
    """Finds the agency a cell names: the organizer's recommendations first, then the registry."""

    def __init__(self, *, campaign, organizer):
        recommended = Recommendation.objects.filter(campaign=campaign, organizer=organizer)
        self.recommended = {
            a.pk: a for a in Agency.objects.filter(pk__in=recommended.values("agency_id"))
        }
        self._registry: dict[str, list[int]] | None = None
        self._codes: dict[str, int] | None = None

    def _load_registry(self) -> tuple[dict[str, list[int]], dict[str, int]]:
        registry: dict[str, list[int]] = {}
        codes: dict[str, int] = {}
        for pk, name, code in Agency.objects.values_list("pk", "name", "credit_code"):
            registry.setdefault(_key(name), []).append(pk)
            codes[code] = pk
        self._registry, self._codes = registry, codes
        return registry, codes

    def resolve(self, text: str) -> int:
        """The agency's id; ValueError with the reason the official reads otherwise."""
        name, code = _split(text)
        for agency in self.recommended.values():
            if (code and agency.credit_code == code) or (not code and _key(agency.name) == name):
                return agency.pk
        if self._registry is None or self._codes is None:
            registry, codes = self._load_registry()
        else:
            registry, codes = self._registry, self._codes
        if code:
            if code in codes:
                return codes[code]
            raise ValueError(
                _("No agency with the credit code %(code)s is in the national registry.")
                % {"code": code}
            )
        matches = registry.get(name, [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValueError(
                _(
                    "Several registered agencies are called “%(name)s”: add the "
                    "credit code in brackets after the name."
                )
                % {"name": text}
            )
        raise ValueError(
            _(
                "“%(name)s” is neither on your agency recommendations nor in the "
                "national registry: recommend it (Attachment 2) first."
            )
            % {"name": text}
        )


def _split(text: str) -> tuple[str, str]:
    """“机构名称（9137…）” or a bare credit code → (name key, code)."""
    clean = normalize_text(text).upper()
    match = _CODE_IN_TEXT.match(clean)
    if match and (match[1] == "" or clean.endswith(")")):
        return _key(match[1]), match[2]
    return _key(text), ""


def tasks_elsewhere(*, campaign, organizer, codes: Iterable[str]) -> dict[str, str]:
    """Credit code → name of the other organizer whose intent list already has the enterprise."""
    codes = list(codes)
    if not codes:
        return {}
    rows = (
        DiagnosisTask.objects.filter(campaign=campaign, enterprise__credit_code__in=codes)
        .exclude(organizer=organizer)
        .values_list("enterprise__credit_code", "organizer__name")
    )
    return dict(rows)


def elsewhere_message(organizer_name: str) -> str:
    return _(
        "This enterprise is already on the intent list of %(organizer)s for this campaign "
        "(one enterprise, one intent list)."
    ) % {"organizer": organizer_name}


def row_rule_errors(
    *, diagnosis_type: str, is_sme: bool, sme_class: str | None, remarks: str, energy_tce
) -> list[tuple[str, str]]:
    """(field, reason) for each rule of the notes under 附件3 that the row breaks."""
    errors = []
    if diagnosis_type == DiagnosisType.REGIONAL and not (remarks or "").strip():
        errors.append(
            ("remarks", _("A 区域集中式 diagnosis needs the industrial park's name in 备注."))
        )
    if is_sme and not sme_class:
        errors.append(("sme", _("Say which kind of SME: 中型, 小型 or 微型.")))
    if not is_sme and sme_class:
        errors.append(("sme", _("Only an SME has an SME class.")))
    if diagnosis_type == DiagnosisType.SME and not is_sme:
        errors.append(("sme", _("A 中小企业 diagnosis needs an SME: answer 是（中型/小型/微型）.")))
    if energy_tce is not None and energy_tce < 0:
        errors.append(("energy_tce", _("Energy use cannot be negative.")))
    return errors

"""Product energy benchmarking: tables of national values and a report's product rows.

A BenchmarkTable is one edition of one document (an energy consumption limit standard such as
GB 30251-2024, or the NDRC 能效标杆水平和基准水平 list); its BenchmarkEntry rows hold, per product
or process, the indicator and its leading (标杆 / 1级), advanced (2级) and limit (限定值 / 基准 /
3级) values, each with its source and confidence. A ProductRow of a report records a product's
output and the energy attributed to it; the service stores the unit consumption, the level and
the standard it was compared with, so a report keeps citing the edition it relied on.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel


class BenchmarkKind(models.TextChoices):
    LIMIT_STANDARD = "limit_standard", _("Energy consumption limit standard (能耗限额)")
    NDRC_LEVELS = "ndrc_levels", _("NDRC benchmark and baseline levels (标杆/基准)")


class BenchmarkLevel(models.TextChoices):
    """Where a product's unit consumption stands (lower is better)."""

    LEADING = "leading", _("Leading (标杆 / grade 1)")
    ADVANCED = "advanced", _("Advanced (grade 2)")
    MEETS_LIMIT = "meets_limit", _("Meets the limit")
    EXCEEDS_LIMIT = "exceeds_limit", _("Exceeds the limit")
    NO_TABLE = "no_table", _("No benchmark table for this product")


def _value(name):
    return models.DecimalField(name, max_digits=14, decimal_places=4, null=True, blank=True)


class BenchmarkTable(TimeStampedModel):
    """One edition of a document that sets per-product energy values."""

    code = models.CharField(_("standard or document"), max_length=64)
    edition = models.CharField(_("edition"), max_length=16)
    title = models.CharField(_("title"), max_length=255, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=BenchmarkKind.choices,
        default=BenchmarkKind.LIMIT_STANDARD,
    )
    effective_year = models.PositiveSmallIntegerField(
        _("in force from (year)"),
        help_text=_("A campaign uses the latest edition in force in its year."),
    )
    source = models.TextField(_("source"))
    confidence = models.CharField(_("confidence"), max_length=255)
    notes = models.TextField(_("notes"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("benchmark table")
        verbose_name_plural = _("benchmark tables")
        ordering = ["code", "-effective_year", "-edition"]
        constraints = [
            models.UniqueConstraint(fields=["code", "edition"], name="one_benchmark_edition"),
        ]

    def __str__(self) -> str:
        return f"{self.code}-{self.edition}"


class BenchmarkEntry(models.Model):
    """A product's (or process's) indicator and values in one table edition."""

    table = models.ForeignKey(
        BenchmarkTable, on_delete=models.CASCADE, related_name="entries", verbose_name=_("table")
    )
    industry = models.CharField(_("industry"), max_length=64, blank=True)
    product = models.CharField(_("product or process"), max_length=128)
    indicator = models.CharField(_("indicator"), max_length=128)
    unit = models.CharField(_("unit"), max_length=32)
    table_ref = models.CharField(_("table of the standard"), max_length=32, blank=True)
    leading_value = _value(_("leading value (标杆 / grade 1)"))
    advanced_value = _value(_("advanced value (grade 2)"))
    limit_value = _value(_("limit value (限定值 / 基准 / grade 3)"))
    reference_standard = models.CharField(_("reference standard"), max_length=64, blank=True)
    source = models.TextField(_("source"))
    confidence = models.CharField(_("confidence"), max_length=255)
    notes = models.TextField(_("notes"), blank=True)
    # Not a column: set by reports.benchmarking.selectors.entries_for_year when only an edition
    # later than the campaign's year is at hand.
    later_edition: bool = False

    class Meta:
        verbose_name = _("benchmark entry")
        verbose_name_plural = _("benchmark entries")
        ordering = ["table", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "product", "indicator"], name="one_benchmark_entry_per_product"
            ),
            models.CheckConstraint(
                name="benchmark_entry_has_a_value",
                condition=Q(limit_value__isnull=False)
                | Q(advanced_value__isnull=False)
                | Q(leading_value__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} ({self.table})"

    @property
    def cited(self) -> str:
        """The standard as a report cites it: code-edition and the table."""
        return " ".join(part for part in (str(self.table), self.table_ref) if part)


class ProductRow(TimeStampedModel):
    """A main product of the enterprise: output and attributed energy, benchmarked."""

    report = models.ForeignKey(
        "reports.DiagnosisReport", on_delete=models.CASCADE, related_name="product_rows"
    )
    entry = models.ForeignKey(
        BenchmarkEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("benchmark"),
    )
    product = models.CharField(_("product or process"), max_length=128)
    output = models.DecimalField(_("output"), max_digits=18, decimal_places=4)
    output_unit = models.CharField(_("output unit"), max_length=32, default="t")
    energy = models.DecimalField(
        _("energy attributed"),
        max_digits=18,
        decimal_places=4,
        help_text=_("Net of energy recovered: negative for a net exporting process (转炉)."),
    )
    energy_unit = models.CharField(_("energy unit"), max_length=16, default="tce")
    note = models.CharField(_("note"), max_length=255, blank=True)
    # Computed by the service from the entry's values.
    unit_consumption = models.DecimalField(
        _("unit consumption"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    indicator_unit = models.CharField(_("indicator unit"), max_length=32, blank=True)
    level = models.CharField(
        _("level"), max_length=16, choices=BenchmarkLevel.choices, default=BenchmarkLevel.NO_TABLE
    )
    standard_cited = models.CharField(_("standard"), max_length=128, blank=True)
    later_edition = models.BooleanField(
        _("edition later than the campaign year"),
        default=False,
        help_text=_("Only an edition that came into force after the campaign's year is at hand."),
    )
    saving_to_limit_tce = models.DecimalField(
        _("saving to the limit (tce/yr)"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    saving_to_leading_tce = models.DecimalField(
        _("saving to the leading value (tce/yr)"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("product row")
        verbose_name_plural = _("product rows")
        ordering = ["report", "id"]
        constraints = [
            models.CheckConstraint(name="product_row_output_positive", condition=Q(output__gt=0)),
            models.CheckConstraint(
                name="product_row_level_valid", condition=Q(level__in=BenchmarkLevel.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.output} {self.output_unit}"

    @property
    def level_label(self) -> str:
        """The level in the words of the table compared with: the NDRC list speaks of 标杆 and
        基准 levels (efficiency: below 基准 means consuming more than it allows)."""
        if self.entry is not None and self.entry.table.kind == BenchmarkKind.NDRC_LEVELS:
            words = {
                BenchmarkLevel.LEADING: gettext("At or above the benchmark level (标杆)"),
                BenchmarkLevel.MEETS_LIMIT: gettext("Between the baseline and benchmark levels"),
                BenchmarkLevel.EXCEEDS_LIMIT: gettext("Below the baseline level (基准)"),
            }
            if self.level in words:
                return words[BenchmarkLevel(self.level)]
        return str(self.get_level_display())

    @property
    def badge(self) -> str:
        """The status badge a level is shown with (red for exceeding the limit)."""
        badges: dict[str, str] = {
            BenchmarkLevel.LEADING: "recommended",
            BenchmarkLevel.ADVANCED: "accepted",
            BenchmarkLevel.MEETS_LIMIT: "confirmed",
            BenchmarkLevel.EXCEEDS_LIMIT: "below_limit",
        }
        return badges.get(str(self.level), "plain")

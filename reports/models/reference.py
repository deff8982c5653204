"""Reference data kept with its source: equipment grading tables and the measure taxonomy."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStampedModel
from reports.choices import Direction, EquipmentType, GradingFormat, MeasureKind, TaxonomyLevel


class GradingTable(TimeStampedModel):
    """A minimum energy performance table of one standard edition for one equipment metric.

    ``data`` holds the table in the layout named by ``format``: motor points (GB 18613), the
    pump method's curves (GB 19762) or thresholds by grade for any other standard.
    """

    standard = models.CharField(_("standard"), max_length=32)
    edition = models.CharField(_("edition"), max_length=8)
    title = models.CharField(_("title"), max_length=128, blank=True)
    equipment_type = models.CharField(
        _("equipment type"), max_length=16, choices=EquipmentType.choices
    )
    metric = models.CharField(_("metric"), max_length=32)
    unit = models.CharField(_("unit"), max_length=24, blank=True)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    format = models.CharField(_("format"), max_length=16, choices=GradingFormat.choices)
    data = models.JSONField(_("table data"), default=dict)
    coverage = models.CharField(
        _("coverage"),
        max_length=16,
        default="full",
        help_text=_("“partial” when only part of the printed table could be verified."),
    )
    note = models.TextField(_("note"), blank=True)
    is_current = models.BooleanField(_("current edition"), default=True)
    in_force_from = models.PositiveSmallIntegerField(
        _("applies from (year)"),
        null=True,
        blank=True,
        help_text=_("A campaign of this year or later grades with this edition."),
    )
    source = models.TextField(_("source"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("grading table")
        verbose_name_plural = _("grading tables")
        ordering = ["equipment_type", "standard", "-edition", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "edition", "equipment_type", "metric"],
                name="one_grading_table_per_edition_metric",
            ),
            models.CheckConstraint(
                name="grading_table_format_valid", condition=Q(format__in=GradingFormat.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard}-{self.edition} {self.get_equipment_type_display()} {self.metric}"


class MeasureCategory(models.Model):
    """A node of the measure taxonomy: system → subsystem → measure (节能建议分类)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.CharField(_("level"), max_length=12, choices=TaxonomyLevel.choices)
    name = models.CharField(_("name"), max_length=128)
    category = models.CharField(
        _("category"), max_length=12, choices=MeasureKind.choices, blank=True
    )
    source = models.CharField(_("source"), max_length=64, default="starter list")
    edition = models.CharField(_("edition"), max_length=8, default="2021")
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("measure category")
        verbose_name_plural = _("measure taxonomy")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                name="measure_category_level_valid", condition=Q(level__in=TaxonomyLevel.values)
            ),
            models.CheckConstraint(
                name="measure_category_leaf_has_category",
                condition=~Q(level=TaxonomyLevel.MEASURE) | ~Q(category=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

"""Diagnosis reports and the reference tables their calculations use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnergyFactor(models.Model):
    """A conversion factor to standard coal, with the standard and edition it comes from."""

    standard = models.CharField(_("standard"), max_length=32, default="GB/T 2589")
    edition = models.CharField(_("edition"), max_length=8, default="2020")
    carrier_code = models.CharField(_("carrier"), max_length=32)
    name = models.CharField(_("name"), max_length=32)
    unit = models.CharField(_("unit"), max_length=8)
    kgce_per_unit = models.DecimalField(_("kgce per unit"), max_digits=10, decimal_places=5)
    basis = models.CharField(_("basis"), max_length=16)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("energy conversion factor")
        verbose_name_plural = _("energy conversion factors")
        ordering = ["standard", "edition", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "edition", "carrier_code"],
                name="one_factor_per_carrier_edition",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.kgce_per_unit} kgce/{self.unit} ({self.standard}-{self.edition})"

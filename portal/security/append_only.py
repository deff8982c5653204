"""Rows that may only ever be added: the ORM refuses to update or delete them.

Used by `portal.models.AuditLog`. This closes the ORM paths (instance save of an existing row,
instance delete, queryset update/delete, bulk_update); raw SQL is a matter for database grants.
"""

from typing import TYPE_CHECKING

from django.db import models

# The mixin is always mixed into a Model; mypy is told so, the runtime MRO stays as it is.
if TYPE_CHECKING:
    _ModelBase = models.Model
else:
    _ModelBase = object


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an append-only row through the ORM."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed")

    # Django's delete collector calls this private method; refuse that path too.
    def _raw_delete(self, using):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted")


class AppendOnlyModelMixin(_ModelBase):
    """Model methods of an append-only model: save inserts once, delete always refuses."""

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed")
        kwargs["force_insert"] = True
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted")

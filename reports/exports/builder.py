"""The document-job builder of DocumentKind.EXPORT (registered from ReportsConfig.ready).

A worker calls `export_build(job, path, progress)`: rows come from the export's selector (as the
requesting user, through `scope`) and go to the streamed xlsx renderer, or the dashboard's data
goes to the statistics renderer. `export_version(job)` dates the data the export reads, so the
same request on unchanged data reuses the finished file.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Max
from django.utils import translation

from portal.choices import DocumentKind
from portal.jobs import Builder, Progress, register_builder
from provinces.choices import OrganizerKind
from reports.documents.layouts import layouts_for
from reports.documents.xlsx import render_form_xlsx
from reports.selectors.dashboard_page import dashboard_get_for

from .catalog import EXPORTS
from .statistics import statistics_xlsx

NATIONAL = "全国"


def _scope_label(kind: str) -> str:
    return f"{NATIONAL}·{OrganizerKind(kind).label}" if kind else NATIONAL


def _layout(export, campaign):
    if export.form is not None:
        return layouts_for(campaign.form_layouts, campaign.year)[export.form]
    return export.layout


def export_build(job, path: Path, progress: Progress) -> str:
    """Write the export the job's params name; returns the file name the user downloads."""
    export = EXPORTS[job.params["export"]]
    kind = job.params.get("organizer_kind", "")
    campaign, user = job.campaign, job.requested_by
    with translation.override(settings.LANGUAGE_CODE):
        label = _scope_label(kind)
        name = (
            export.file_title.format(year=campaign.year)
            + (f"（{OrganizerKind(kind).label}）" if kind else "")
            + ".xlsx"
        )
        if export.rows is None:
            board = dashboard_get_for(user, campaign, kind=kind)
            statistics_xlsx(board, scope_label=label, out=path)
            return name
        count, rows = export.rows(user, campaign, kind)
        render_form_xlsx(
            _layout(export, campaign),
            year=campaign.year,
            organizer_name=label,
            rows=rows,
            out=path,
            national=True,
            progress=lambda done, _total: progress(done, count),
        )
    return name


def export_version(job) -> str:
    """The latest change and the row count of every table the export reads."""
    export = EXPORTS.get(job.params.get("export"))
    if export is None:
        return ""
    parts = []
    for label in export.tables:
        figures = apps.get_model(label).objects.aggregate(last=Max("updated_at"), n=Count("id"))
        parts.append(f"{label}:{figures['last']}:{figures['n']}")
    return "|".join(parts)


def register() -> None:
    register_builder(DocumentKind.EXPORT, Builder(build=export_build, version=export_version))

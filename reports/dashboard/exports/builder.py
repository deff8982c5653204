"""The document-job builder of DocumentKind.EXPORT (registered from ReportsConfig.ready).

A worker calls `export_build(job, path, progress)`: rows come from the export's selector (as the
requesting user, through `scope`) and go to the streamed xlsx renderer, or the dashboard's data
goes to the statistics renderer. `export_version(job)` dates the data the export reads, so the
same request on unchanged data reuses the finished file.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.utils import translation

from portal.choices import DocumentKind
from portal.jobs.registry import Builder, Progress, register_builder
from provinces.choices import OrganizerKind
from reports.dashboard.exports.catalog import EXPORTS
from reports.dashboard.exports.statistics import statistics_xlsx
from reports.dashboard.selectors.page import dashboard_get_for
from reports.documents.render.xlsx import render_form_xlsx

NATIONAL = "全国汇总"


def _scope_label(kind: str) -> str:
    return f"{NATIONAL}·{OrganizerKind(kind).label}" if kind else NATIONAL


def export_build(job, path: Path, progress: Progress) -> str:
    """Write the export the job's params name; returns the file name the user downloads."""
    export = EXPORTS[job.params["export"]]
    kind = job.params.get("organizer_kind", "")
    campaign, user = job.campaign, job.requested_by
    if not user.is_ministry:  # requested through the ministry's page or API only
        raise PermissionDenied("national exports are for the ministry")
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
            export.layout(campaign),
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
        model = apps.get_model(label)
        # Snapshots (the published lists) never change: their newest id dates them.
        stamp = "updated_at" if any(f.name == "updated_at" for f in model._meta.fields) else "pk"
        figures = model.objects.aggregate(last=Max(stamp), n=Count("pk"))
        parts.append(f"{label}:{figures['last']}:{figures['n']}")
    return "|".join(parts)


def register() -> None:
    register_builder(DocumentKind.EXPORT, Builder(build=export_build, version=export_version))

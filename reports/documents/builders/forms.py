"""Builders of the spreadsheets: 附件1–3 (per organizer or national) and the published list."""

import json
import logging
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from django.utils import timezone

from enterprises.models import PublishedList
from portal.choices import FORM_KINDS, DocumentKind
from portal.jobs.registry import Builder, Progress
from portal.models import Campaign, DocumentJob
from provinces.models import Organizer
from reports.documents.builders.base import PROJECT_DIR, job_campaign, stamp
from reports.documents.render.layouts import (
    FormLayout,
    LayoutError,
    layout_from_dict,
    layouts_for,
    load_default_layouts,
)
from reports.documents.render.xlsx import render_form_xlsx
from reports.documents.selectors import forms as rows

logger = logging.getLogger(__name__)

NATIONAL_LINE = "全国汇总"
PUBLISHED_LAYOUT = PROJECT_DIR / "reports" / "data" / "published_list.json"

RowsFor = Callable[[Campaign, Organizer | None], Iterable[dict]]
ROWS: dict[int, tuple[RowsFor, Callable[[Campaign, Organizer | None], str]]] = {
    1: (rows.plan_rows, rows.plan_version),
    2: (rows.recommendation_rows, rows.recommendation_version),
    3: (rows.intent_rows, rows.intent_version),
}


def campaign_layouts(campaign: Campaign) -> dict[int, FormLayout]:
    """The campaign's own layouts (its form_layouts) over the bundled ones. Layouts are checked
    by rendering before they are stored (reports/campaigns); one that still cannot be read
    (written to the database by other means) falls back to the bundled layouts, logged, so no
    page of that year answers 500."""
    try:
        layouts = layouts_for(campaign.form_layouts, campaign.year)
        for layout in layouts.values():
            layout.title_for(campaign.year)
    except (LayoutError, KeyError, IndexError, ValueError, TypeError, AttributeError) as exc:
        logger.warning(
            "campaign %s: unreadable form_layouts (%s); bundled ones used", campaign.year, exc
        )
        return load_default_layouts(campaign.year)
    return layouts


def form_layout(campaign: Campaign, form: int) -> FormLayout:
    """The campaign's own layout of the form (its form_layouts), else the bundled one."""
    return campaign_layouts(campaign)[form]


def form_file_name(campaign: Campaign, form: int, organizer: Organizer | None) -> str:
    """e.g. 2021年度节能诊断服务意向企业名单-河北省.xlsx."""
    name = organizer.name if organizer else "全国"
    return f"{form_layout(campaign, form).title_for(campaign.year)}-{name}.xlsx"


def write_form(
    form: int,
    campaign: Campaign,
    organizer: Organizer | None,
    out: Path,
    progress: Progress | None = None,
) -> int:
    """Write 附件`form` of `organizer` (None: the national merge) to `out`; returns its rows."""
    rows_for = ROWS[form][0]
    total = rows.intent_count(campaign, organizer) if form == 3 else None

    def report(done: int, known: int | None) -> None:
        if progress:
            progress(done, total or known or done)

    return render_form_xlsx(
        form_layout(campaign, form),
        year=campaign.year,
        organizer_name=organizer.official_name if organizer else NATIONAL_LINE,
        rows=rows_for(campaign, organizer),
        out=str(out),
        national=organizer is None,
        progress=report,
    )


def form_version(form: int, campaign: Campaign, organizer: Organizer | None) -> str:
    national = rows.national_version(campaign, form) if organizer is None else ""
    return f"{ROWS[form][1](campaign, organizer)}|{national}"


def _form_builder(form: int) -> Builder:
    def build(job: DocumentJob, path: Path, progress: Progress) -> str:
        campaign = job_campaign(job)
        write_form(form, campaign, job.organizer, path, progress)
        return form_file_name(campaign, form, job.organizer)

    def version(job: DocumentJob) -> str:
        return stamp(job, form_version(form, job_campaign(job), job.organizer))

    return Builder(build=build, version=version)


@cache
def published_layout() -> FormLayout:
    return layout_from_dict(json.loads(PUBLISHED_LAYOUT.read_text(encoding="utf-8")))


def _published(job: DocumentJob, campaign: Campaign) -> PublishedList:
    published = rows.published_list_for(campaign, job.params.get("published_list_id"))
    if published is None:
        raise LookupError(f"campaign {campaign.year} has no published list")
    return published


def _build_published(job: DocumentJob, path: Path, progress: Progress) -> str:
    campaign = job_campaign(job)
    published = _published(job, campaign)
    day = timezone.localtime(published.published_at).date()
    issuer = f"工业和信息化部（第{published.version}版，{day.year}年{day.month}月{day.day}日发布）"
    total = published.entry_count
    render_form_xlsx(
        published_layout(),
        year=campaign.year,
        organizer_name=issuer,
        rows=rows.published_rows(published),
        out=str(path),
        progress=lambda done, _known: progress(done, total or done),
    )
    return f"{campaign.year}年度工业节能诊断服务企业名单（第{published.version}版）.xlsx"


def _published_version(job: DocumentJob) -> str:
    # A snapshot never changes: its id says everything.
    published = rows.published_list_for(job_campaign(job), job.params.get("published_list_id"))
    return stamp(job, published.pk if published else "-", published.entry_count if published else 0)


BUILDERS = {
    **{kind: _form_builder(form) for form, kind in FORM_KINDS.items()},
    DocumentKind.PUBLISHED_LIST: Builder(build=_build_published, version=_published_version),
}

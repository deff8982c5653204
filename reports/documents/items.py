"""The rows of the documents page: which files a scope has, with what each button sends."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from portal.choices import DocumentKind
from portal.models import Campaign
from provinces.models import Organizer
from reports.documents.builders.forms import form_layout


@dataclass(frozen=True)
class DocumentItem:
    kind: str
    label: StrOrPromise
    title: str
    fmt: str
    note: StrOrPromise = ""


def document_items(campaign: Campaign, organizer: Organizer | None) -> list[DocumentItem]:
    """附件1–3 (xlsx), 附件4 (Word and PDF) and the package, for `organizer` or nationally."""
    national = organizer is None
    items: list[DocumentItem] = []
    for form, kind in (
        (1, DocumentKind.FORM_PLAN),
        (2, DocumentKind.FORM_RECOMMENDATION),
        (3, DocumentKind.FORM_INTENT),
    ):
        layout = form_layout(campaign, form)
        note = _("Merges the forms organizers have submitted.") if national else ""
        items.append(
            DocumentItem(kind, layout.label, layout.title_for(campaign.year), "xlsx", note)
        )
    summary = f"{campaign.year}年度节能诊断服务工作总结"
    figures = _("Figures from the accepted diagnosis reports.")
    items += [
        DocumentItem(DocumentKind.FORM_SUMMARY_DOCX, "附件4", summary, "docx", figures),
        DocumentItem(DocumentKind.FORM_SUMMARY_PDF, "附件4", summary, "pdf", figures),
        DocumentItem(
            DocumentKind.PACKAGE,
            _("Package"),
            f"{campaign.year}年度节能诊断服务工作总结材料",
            "zip",
            _(
                "附件1–4, every accepted diagnosis report, the excellent cases and a "
                "manifest with checksums."
            ),
        ),
    ]
    return items

"""The summary report package: 附件1–4, the accepted diagnosis reports, the excellent cases.

One zip per organizer (or national), streamed by `package.build_package`: the forms are rendered
into the job's temporary folder first, then every report file is copied from storage in chunks,
opened only when its turn comes, so memory stays flat however many reports the package holds.
"""

import io
import tempfile
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage

from portal.choices import DocumentKind
from portal.jobs.registry import Builder, Progress
from portal.models import Campaign, DocumentJob
from provinces.models import Organizer
from reports.cases.exports import cases_workbook
from reports.cases.selectors import package_cases, package_cases_version
from reports.documents.builders.base import job_campaign, stamp
from reports.documents.builders.forms import form_layout, form_version, write_form
from reports.documents.builders.texts import write_summary
from reports.documents.render.package import PackageEntry, build_package
from reports.documents.selectors.package import package_files_version, package_report_files
from reports.models import DiagnosisReport
from reports.summary.selectors import summary_version


class StorageReader(io.RawIOBase):
    """A stored file opened at its first read and closed at its end (one open file at a time)."""

    def __init__(self, storage: Storage, name: str):
        super().__init__()
        self.storage, self.name = storage, name
        self.handle: File | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.handle is None:
            self.handle = self.storage.open(self.name, "rb")
        count = self.handle.readinto(buffer) if hasattr(self.handle, "readinto") else None
        if count is None:
            data = self.handle.read(len(buffer))
            count = len(data)
            buffer[:count] = data
        if not count:
            self.close()
        return count

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None
        super().close()


CASES_LIST_NAME = "{year}年度典型案例汇总.xlsx"


def _form_entries(
    campaign: Campaign, organizer: Organizer | None, folder: Path, step
) -> list[PackageEntry]:
    """附件1–3 (xlsx), 附件4 (docx and pdf) and the list of excellent cases (xlsx, from the case
    library), rendered into `folder`."""
    entries = []
    for form in (1, 2, 3):
        layout = form_layout(campaign, form)
        path = folder / f"form{form}.xlsx"
        write_form(form, campaign, organizer, path)
        entries.append(PackageEntry(f"{layout.label} {layout.title_for(campaign.year)}.xlsx", path))
        step()
    for fmt in ("docx", "pdf"):
        path = folder / f"summary.{fmt}"
        write_summary(fmt, campaign, organizer, path)
        entries.append(PackageEntry(f"附件4 {campaign.year}年度节能诊断服务工作总结.{fmt}", path))
        step()
    path = folder / "cases.xlsx"
    path.write_bytes(cases_workbook(package_cases(campaign, organizer)))
    entries.append(PackageEntry(CASES_LIST_NAME.format(year=campaign.year), path))
    step()
    return entries


def package_file_name(campaign: Campaign, organizer: Organizer | None) -> str:
    return (
        f"{campaign.year}年度节能诊断服务工作总结材料-{organizer.name if organizer else '全国'}.zip"
    )


def _build(job: DocumentJob, path: Path, progress: Progress) -> str:
    campaign, organizer = job_campaign(job), job.organizer
    files = list(package_report_files(campaign, organizer))
    total = 6 + len(files) + 1
    done = {"n": 0}

    def step() -> None:
        done["n"] += 1
        progress(done["n"], total)

    storage = DiagnosisReport._meta.get_field("file").storage
    with tempfile.TemporaryDirectory(dir=path.parent, prefix="forms-") as tmp:
        entries = _form_entries(campaign, organizer, Path(tmp), step)
        entries += [
            PackageEntry(f.arcname, StorageReader(storage, f.storage_name), f.size) for f in files
        ]
        with path.open("wb") as out:
            # The forms were counted while rendered; the last step is the manifest.
            build_package(entries, out, progress=lambda n, _all: progress(n, total))
    return package_file_name(campaign, organizer)


def _version(job: DocumentJob) -> str:
    campaign, organizer = job_campaign(job), job.organizer
    parts = [form_version(form, campaign, organizer) for form in (1, 2, 3)]
    parts += [summary_version(campaign, organizer), package_files_version(campaign, organizer)]
    parts.append(package_cases_version(campaign, organizer))
    return stamp(job, *parts)


BUILDERS = {DocumentKind.PACKAGE: Builder(build=_build, version=_version)}

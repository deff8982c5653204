"""Document rendering against the bare libraries doing the same essential work.

1. The national 附件3 of 50,000 tasks — the builder's whole path: the selector's streamed query,
   the agency grouping, the styled write-only sheet with the title, header, notes and print
   setup — against a bare openpyxl write-only loop appending the same 50,000 rows of values
   (read from the database beforehand, outside the timing). Goal 1.3×, and peak memory at most
   the loop's + 150 MiB.
2. A package of 300 stored report files (384 KiB each): the selector, the lazy storage reader,
   the streamed zip with SHA-256 of every file and the manifest, against `zipfile` writing the
   same files ZIP_STORED. Goal 1.3×, peak memory ≤ 100 MiB.
3. A ten-enterprise task letter as PDF — the selector, the template and WeasyPrint with the
   static-only URL fetcher — against WeasyPrint printing the same HTML. Goal 1.5×.

Data: bench/documents_fixtures.py (campaigns 2097 and 2098, apart from other modules' data).
"""

import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from openpyxl import Workbook

from bench.documents_fixtures import TASKS, build
from bench.harness import Measurement
from reports.documents.builders.forms import form_layout, write_form
from reports.documents.builders.package import StorageReader
from reports.documents.render.package import PackageEntry, build_package
from reports.documents.render.pdf import STATIC_DIR, html_to_pdf, render_html
from reports.documents.selectors import forms as rows
from reports.documents.selectors.letters import task_letter_data
from reports.documents.selectors.package import package_report_files
from reports.models import DiagnosisReport

OUT = Path(tempfile.gettempdir()) / "bench-documents"


def _intent_list(campaign) -> Measurement:
    layout = form_layout(campaign, 3).with_organizer_column()
    keys = layout.keys
    values = [
        [n, *(row.get(k) for k in keys[1:])] for n, row in enumerate(rows.intent_rows(campaign), 1)
    ]
    assert len(values) == TASKS

    def ours():
        assert write_form(3, campaign, None, OUT / "ours.xlsx") == TASKS

    def floor():
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(layout.label)
        for row in values:
            sheet.append(row)
        workbook.save(OUT / "floor.xlsx")

    return Measurement(
        "national 附件3, 50,000 tasks (xlsx)",
        ours,
        floor,
        goal=1.3,
        repeat=3,
        memory_goal_mib=150,
        memory_mode="delta",
    )


def _package(campaign, hebei) -> Measurement:
    storage = DiagnosisReport._meta.get_field("file").storage
    files = list(package_report_files(campaign, hebei))
    assert len(files) >= 300

    def ours():
        entries = [
            PackageEntry(f.arcname, StorageReader(storage, f.storage_name), f.size)
            for f in package_report_files(campaign, hebei)
        ]
        with (OUT / "ours.zip").open("wb") as out:
            build_package(entries, out)

    def floor():
        with zipfile.ZipFile(OUT / "floor.zip", "w", zipfile.ZIP_STORED) as archive:
            for f in files:
                archive.write(Path(settings.MEDIA_ROOT) / f.storage_name, f.arcname)

    return Measurement(
        f"package of {len(files)} report files (zip)",
        ours,
        floor,
        goal=1.3,
        repeat=3,
        memory_goal_mib=100,
        memory_mode="absolute",
    )


def _letter(letter) -> Measurement:
    html = render_html("documents/task_letter.html", {"letter": task_letter_data(letter)})

    def ours():
        data = task_letter_data(letter)
        html_to_pdf(render_html("documents/task_letter.html", {"letter": data}), OUT / "ours.pdf")

    def floor():
        from weasyprint import HTML

        HTML(string=html, base_url=STATIC_DIR.as_uri() + "/").write_pdf(OUT / "floor.pdf")

    return Measurement("task letter, 10 enterprises (pdf)", ours, floor, goal=1.5, repeat=5)


def measurements() -> list[Measurement]:
    OUT.mkdir(parents=True, exist_ok=True)
    data = build()
    campaign = data["campaign"]
    return [_intent_list(campaign), _package(campaign, data["hebei"]), _letter(data["letter"])]

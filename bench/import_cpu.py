"""`python -m bench.import_cpu`: the CPU a 2,000-row 附件3 costs, check and import.

Through the service (`intent_list_import`) and through the page (the test client's POST to
/enterprises/tasks/import/, the page rendered), each run rolled back, for two shapes of the same
file: as openpyxl writes it (inline strings, bench_workflow.intent_file) and as Excel and WPS
write it (the strings in xl/sharedStrings.xml); and the check of that file with one bad cell
through the page (the error list and the marked copy). CPU is the process's user + system time
(getrusage) of one run, the minimum and median of `BENCH_REPEAT` runs (default 3) after a
warm-up. The database's own CPU (PostgreSQL's server process) is not counted. Uses the bench
database (var/bench.sqlite3, or DATABASE_URL).
"""

import io
import os
import resource
import statistics
import zipfile

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
SHARED_STRINGS_REL = (
    b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/'
    b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
)


def with_shared_strings(content: bytes) -> bytes:
    """The workbook with its inline strings moved into a shared-string table, as Excel saves."""
    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(content))
    sheet = etree.fromstring(source.read("xl/worksheets/sheet1.xml"))
    strings: dict[str, int] = {}
    for cell in sheet.iter(f"{{{NS}}}c"):
        inline = cell.find(f"{{{NS}}}is")
        if cell.get("t") != "inlineStr" or inline is None:
            continue
        text = "".join(inline.itertext())
        cell.remove(inline)
        cell.set("t", "s")
        etree.SubElement(cell, f"{{{NS}}}v").text = str(strings.setdefault(text, len(strings)))
    table = etree.Element(f"{{{NS}}}sst", count=str(len(strings)))
    for text in strings:
        etree.SubElement(etree.SubElement(table, f"{{{NS}}}si"), f"{{{NS}}}t").text = text
    members = {info.filename: source.read(info) for info in source.infolist()}
    members["xl/worksheets/sheet1.xml"] = etree.tostring(sheet, xml_declaration=True)
    members["xl/sharedStrings.xml"] = etree.tostring(table, xml_declaration=True)
    types = members["[Content_Types].xml"]
    members["[Content_Types].xml"] = types.replace(b"</Types>", SHARED_STRINGS_TYPE + b"</Types>")
    rels = members["xl/_rels/workbook.xml.rels"]
    members["xl/_rels/workbook.xml.rels"] = rels.replace(
        b"</Relationships>", SHARED_STRINGS_REL + b"</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    from bench.__main__ import _setup_django

    _setup_django()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.test import Client, override_settings

    from bench.bench_workflow import (
        ROWS,
        STORAGES,
        import_rolled_back,
        import_target,
        intent_file,
    )

    campaign, organizer, user = import_target()
    client = Client()
    client.force_login(user, backend="portal.security.backends.TenantModelBackend")
    files = {"inline strings": intent_file(ROWS)}
    files["shared strings"] = with_shared_strings(files["inline strings"])

    def service(content: bytes, dry_run: bool) -> None:
        import_rolled_back(campaign, organizer, content, dry_run=dry_run)

    def page(content: bytes, dry_run: bool, status: int = 200) -> None:
        data = {"year": str(campaign.year), "file": SimpleUploadedFile("附件3.xlsx", content)}
        if dry_run:
            data["check"] = "1"
        with transaction.atomic(), override_settings(STORAGES=STORAGES):
            response = client.post("/enterprises/tasks/import/", data, secure=True)
            assert response.status_code == status, response.status_code
            assert (status == 422) == (b"/imports/marked/" in response.content)
            transaction.set_rollback(True)

    def report(name: str, through: str, run: str, once) -> None:
        once()  # warm-up
        samples = []
        for _ in range(repeat):
            start = _cpu()
            once()
            samples.append(_cpu() - start)
        print(
            f"| {name} | {through} | {run} | {min(samples):.2f} s | "
            f"{statistics.median(samples):.2f} s |",
            flush=True,
        )

    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    print("| file | through | run | CPU min | CPU median |\n|---|---|---|---:|---:|")
    for name, content in files.items():
        for via in (service, page):
            for dry_run in (True, False):
                run = "check" if dry_run else "import"
                report(name, via.__name__, run, lambda: via(content, dry_run))  # noqa: B023
    bad = with_shared_strings(_one_bad_cell(files["inline strings"]))
    report("shared strings, one bad cell", "page", "check", lambda: page(bad, True, 422))


def _one_bad_cell(content: bytes) -> bytes:
    """The file with one credit code (F100) that is not one."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content))
    book.active["F100"] = "not a code"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    main()

"""Open every generated document with an independent reader (`make docs-check`; docs/documents.md).

Builds a throw-away demo site (SQLite in a temporary directory, `migrate` + `seed_demo`), renders
every file the portal generates from the demo data — 附件1–3 xlsx per organizer and national,
附件4 Word and PDF, the task letter in Word and PDF, the published list, each national export,
the register export, the blank 附件2/附件3 templates, a submission receipt and print view —
then has LibreOffice (`soffice --headless --convert-to pdf`) convert each xlsx and docx to PDF
and poppler's `pdftoppm -png -r 60` turn every PDF page into a picture to look at:

    var/docs-check/files/   the generated files
    var/docs-check/pdf/     LibreOffice's PDF of each xlsx/docx (the portal's own PDFs copied)
    var/docs-check/png/     one PNG per page

Without `soffice` it says so and stops (exit 0): LibreOffice is for looking, not for the tests.
Nothing of the developer's own database or media is touched.

Run from the repository root: `.venv/bin/python tools/docs_check.py [--out DIR]`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "docs-check"
CHROMIUM = "/usr/bin/chromium"
FAILED: list[str] = []  # documents that could not be rendered (the inner step exits 1)


def site_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.base",
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{tmp / 'docs.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
        CELERY_TASK_ALWAYS_EAGER="true",
        EMAIL_URL="consolemail://",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        LANGUAGE_CODE="zh-hans",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, **kwargs)  # noqa: S603 (our own fixed commands)


# ---------------------------------------------------------------- rendering (inside the site)


def render_all(out: Path, year: int) -> None:
    """Render every document of the demo data into `out` (runs with the throw-away settings)."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()

    from django.test import Client
    from django.urls import reverse

    from enterprises.models import PublishedList, TaskLetter
    from portal.choices import DocumentKind, JobState, Role
    from portal.jobs.run import document_job_run
    from portal.jobs.service import document_job_request
    from portal.models import Campaign, DocumentJob, User
    from provinces.models import Submission
    from reports.dashboard.exports.catalog import EXPORTS

    out.mkdir(parents=True, exist_ok=True)
    ministry = User.objects.get(username="ministry")
    campaign = Campaign.objects.get(year=year)
    published = PublishedList.objects.filter(campaign=campaign).order_by("-pk").first()
    letter = (
        TaskLetter.objects.filter(campaign=campaign)
        .select_related("organizer", "agency")
        .order_by("pk")
        .first()
    )
    organizer = letter.organizer if letter else None
    print(f"documents of {campaign.year}, organizer {organizer}, letter {letter and letter.pk}")

    def job(name: str, kind: str, org=None, params=None, agency=None) -> None:
        params = params if params is not None else {"national": org is None}
        requested = document_job_request(
            actor=ministry,
            kind=kind,
            campaign=campaign,
            organizer=org,
            agency=agency,
            params=params,
            dispatch=False,
        )
        done = document_job_run(job_id=requested.pk)
        if done.state != JobState.DONE:
            FAILED.append(f"{name}: {done.error}")
            print(f"  FAILED {name}: {done.error}")
            return
        target = out / f"{name}{Path(done.output_name).suffix}"
        with done.output.open("rb") as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy)
        print(f"  {target.name}  ({done.output_name})")

    DocumentJob.objects.all().delete()  # render each one afresh
    for number, kind in (
        (1, DocumentKind.FORM_PLAN),
        (2, DocumentKind.FORM_RECOMMENDATION),
        (3, DocumentKind.FORM_INTENT),
    ):
        job(f"form{number}-organizer", kind, organizer)
        job(f"form{number}-national", kind)
    for fmt, kind in (
        ("docx", DocumentKind.FORM_SUMMARY_DOCX),
        ("pdf", DocumentKind.FORM_SUMMARY_PDF),
    ):
        job(f"form4-organizer-{fmt}", kind, organizer)
        job(f"form4-national-{fmt}", kind)
    if letter is not None:
        for fmt, kind in (
            ("docx", DocumentKind.TASK_LETTER_DOCX),
            ("pdf", DocumentKind.TASK_LETTER_PDF),
        ):
            params = {"letter_id": letter.pk}
            job(f"letter-{fmt}", kind, letter.organizer, params, agency=letter.agency)
    if published is not None:
        job(
            "published-list",
            DocumentKind.PUBLISHED_LIST,
            params={"published_list_id": published.pk},
        )
    for key in EXPORTS:
        job(f"export-{key}", DocumentKind.EXPORT, params={"export": key, "organizer_kind": ""})

    # Downloads served by views rather than jobs, and the HTML receipt and print view.
    client = Client()
    client.force_login(ministry)
    downloads = [("register", reverse("reports:register-export"), ".xlsx")]
    organizer_user = User.objects.filter(role=Role.ORGANIZER, organizer=organizer).first()
    submission = (
        Submission.objects.filter(organizer=organizer, campaign=campaign)
        .exclude(state="draft")
        .order_by("form")
        .first()
    )
    if submission is not None:
        downloads += [
            ("receipt", reverse("provinces:submission-receipt", args=[submission.pk]), ".html"),
            ("print", reverse("provinces:submission-print", args=[submission.pk]), ".html"),
        ]
    for name, url, suffix in downloads:
        fetch(client, out / f"{name}{suffix}", url)
    if organizer_user is not None:
        client.force_login(organizer_user)
        year = f"?year={campaign.year}"
        fetch(
            client, out / "template-form2.xlsx", reverse("agencies:recommendation-template") + year
        )
        fetch(client, out / "template-form3.xlsx", reverse("enterprises:task-template") + year)


def fetch(client, target: Path, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        FAILED.append(f"{target.name}: {url} answered {response.status_code}")
        print(f"  FAILED {target.name}: {url} answered {response.status_code}")
        return
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if target.suffix == ".html":  # let Chromium read the stylesheets from static/
        static = (ROOT / "static").as_uri() + "/"
        content = re.sub(rb'(href|src)="/static/', rb'\1="' + static.encode(), content)
    target.write_bytes(content)
    print(f"  {target.name}  ({url})")


# ---------------------------------------------------------------- converting and page images


def convert(files: Path, pdf: Path, png: Path, soffice: str) -> list[Path]:
    for folder in (pdf, png):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    office = sorted(p for p in files.iterdir() if p.suffix in {".xlsx", ".docx"})
    with tempfile.TemporaryDirectory() as profile:  # a profile of its own: no clash with a desktop
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf),
            *map(str, office),
        ]
        run(command, stdout=subprocess.DEVNULL)
    for path in files.glob("*.pdf"):
        shutil.copy(path, pdf / path.name)
    for path in files.glob("*.html"):
        if Path(CHROMIUM).exists():
            run(
                [
                    CHROMIUM,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf / (path.stem + '.pdf')}",
                    path.as_uri(),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
    pages: list[Path] = []
    for path in sorted(pdf.glob("*.pdf")):
        run(["pdftoppm", "-png", "-r", "60", str(path), str(png / path.stem)])
        found = sorted(png.glob(f"{path.stem}-*.png"))
        print(f"{path.name}: {len(found)} page(s)")
        pages += found
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--year", type=int, default=2021, help="the demo year (2021: complete)")
    parser.add_argument(
        "--reuse-site", action="store_true", help="keep the demo site of the last run"
    )
    parser.add_argument("--render-into", type=Path, help=argparse.SUPPRESS)  # the inner step
    args = parser.parse_args(argv)
    if args.render_into:
        render_all(args.render_into, args.year)
        return 1 if FAILED else 0
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(
            "docs-check skipped: LibreOffice (soffice) is not installed. On Debian:\n"
            "  apt-get install -y --no-install-recommends "
            "libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils"
        )
        return 0
    if shutil.which("pdftoppm") is None:
        print("docs-check skipped: pdftoppm (poppler-utils) is not installed.")
        return 0
    files = args.out / "files"
    shutil.rmtree(files, ignore_errors=True)
    site = args.out / "site"  # the throw-away demo site, made afresh unless --reuse-site
    env = site_env(site)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    if not (args.reuse_site and (site / "docs.sqlite3").exists()):
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir(parents=True)
        manage = [sys.executable, "manage.py"]
        print("building the throw-away demo site…")
        run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, **quiet)
        run([*manage, "seed_demo"], cwd=ROOT, env=env, **quiet)
    env["LOG_LEVEL"] = "WARNING"
    inner = [sys.executable, __file__, "--render-into", str(files), "--year", str(args.year)]
    try:
        run(inner, cwd=ROOT, env=env)
    except subprocess.CalledProcessError:
        print("docs-check: some documents could not be rendered (see FAILED above).")
        return 1
    pages = convert(files, args.out / "pdf", args.out / "png", soffice)
    print(f"{len(pages)} page images in {args.out / 'png'}: open and look at each one.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`manage.py render_form --campaign YEAR --form {1,2,3,4} [--organizer CODE] --out PATH` (SPEC §9).

Renders an attachment form through the same job path the workers run, in this process: xlsx for
附件1–3, Word or PDF for 附件4 by the extension of --out; the national file without --organizer.
An unchanged form is not rendered twice: the finished file of the same request is copied.
"""

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.choices import FORM_KINDS, SUMMARY_KINDS, JobState
from portal.models import Campaign, User
from provinces.models import Organizer
from reports.documents.services import document_render_now, system_user


def _kind(form: int, out: Path) -> str:
    suffix = out.suffix.lower().lstrip(".")
    if form in FORM_KINDS:
        if suffix != "xlsx":
            raise CommandError(f"附件{form} is a spreadsheet: --out must end in .xlsx")
        return FORM_KINDS[form]
    if suffix not in SUMMARY_KINDS:
        raise CommandError("附件4 is a Word or PDF document: --out must end in .docx or .pdf")
    return SUMMARY_KINDS[suffix]


class Command(BaseCommand):
    help = "Render an attachment form (附件1–4) of a campaign, for one organizer or national."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--campaign", type=int, required=True, help="campaign year, e.g. 2021")
        parser.add_argument("--form", type=int, required=True, choices=(1, 2, 3, 4))
        parser.add_argument(
            "--organizer",
            default="",
            help="organizer code (130000 for Hebei…); without it, the national file",
        )
        parser.add_argument("--out", required=True, help="where to write: .xlsx, .docx or .pdf")
        parser.add_argument(
            "--user",
            default="",
            help="username recorded as the requester (default: the system account)",
        )

    def handle(self, *args, **options) -> None:
        out = Path(options["out"])
        kind = _kind(options["form"], out)
        campaign = Campaign.objects.filter(year=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"No campaign {options['campaign']}.")
        organizer = None
        if options["organizer"]:
            organizer = Organizer.objects.filter(code=options["organizer"].strip().upper()).first()
            if organizer is None:
                raise CommandError(f"No organizer with the code {options['organizer']}.")
        actor = self._actor(options["user"])
        try:
            job = document_render_now(
                actor=actor, kind=kind, campaign=campaign, organizer=organizer
            )
        except Exception as exc:
            raise CommandError(f"Rendering failed: {exc}") from exc
        if job.state != JobState.DONE:
            raise CommandError(job.error or "Rendering failed.")
        out.parent.mkdir(parents=True, exist_ok=True)
        with job.output.open("rb") as source, out.open("wb") as target:
            shutil.copyfileobj(source, target)
        self.stdout.write(f"{out}: {job.output_name} ({job.size} bytes, SHA-256 {job.checksum})")

    def _actor(self, username: str) -> User:
        if not username:
            return system_user()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username}.")
        return user

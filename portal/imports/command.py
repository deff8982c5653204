"""What the import management commands share: arguments, look-ups and the report (SPEC §9).

def add_arguments(self, parser):
    add_import_arguments(parser)

def handle(self, *args, **options):
    run_import(self, agency_list_import, noun="recommendations", options=options,
               organizers=Organizer.objects.all())
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.db.models import Model, QuerySet

from portal.campaigns import campaign_is_open
from portal.errors import DomainError
from portal.models import Campaign

from .outcome import OtherOrganizerFile


def add_import_arguments(parser) -> None:
    parser.add_argument("--campaign", type=int, required=True, help="campaign year, e.g. 2021")
    parser.add_argument(
        "--organizer", required=True, help="organizer code: 130000 for Hebei, XPCC, ASSOC-CISA…"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="check the file and report, without importing"
    )
    parser.add_argument(
        "--other-organizer-ok",
        action="store_true",
        help="import even when the file's 填报单位 names another organizer",
    )
    parser.add_argument("file", help="the .xlsx file")


def import_target(options, organizers: QuerySet) -> tuple[Campaign, Model, Path]:
    """The campaign, the organizer (from `organizers`, by code) and the file named."""
    path = Path(options["file"])
    if not path.is_file():
        raise CommandError(f"{path}: no such file.")
    try:
        campaign = Campaign.objects.get(year=options["campaign"])
    except Campaign.DoesNotExist as exc:
        raise CommandError(f"No campaign {options['campaign']}.") from exc
    organizer = organizers.filter(code=options["organizer"].strip().upper()).first()
    if organizer is None:
        raise CommandError(f"No organizer with the code {options['organizer']}.")
    return campaign, organizer, path


def run_import(command, service, *, noun: str, options, organizers: QuerySet) -> None:
    """Run the import service and report: every bad row and exit 1, or the counts and exit 0.

    The commands are the one way to load history into a closed campaign: they say so, and the
    service audits it (campaign.history_import) in the import's transaction.
    """
    campaign, organizer, path = import_target(options, organizers)
    closed = not campaign_is_open(campaign)
    if closed:
        command.stdout.write(
            f"The {campaign.year} campaign is closed: this import writes into a closed year "
            "(operator's history load; recorded in the audit log)."
        )
    try:
        with path.open("rb") as fh:
            outcome = service(
                campaign=campaign,
                organizer=organizer,
                file=fh,
                actor=None,
                dry_run=options["dry_run"],
                history_import=closed,
                other_organizer_ok=options["other_organizer_ok"],
            )
    except OtherOrganizerFile as exc:
        raise CommandError(
            f"{path.name}: {exc.message} Nothing imported; to import it as {organizer} "
            "all the same, run the command again with --other-organizer-ok."
        ) from exc
    except DomainError as exc:
        raise CommandError(f"{path.name}: {exc.message}") from exc
    if not outcome.ok:
        for error in outcome.errors:
            command.stdout.write(str(error))
        raise CommandError(f"{len(outcome.errors)} problem(s) in {path.name}; nothing imported.")
    verb = "would be" if options["dry_run"] else "were"
    command.stdout.write(
        f"{outcome.created} {noun} {verb} created, {outcome.updated} updated, "
        f"{outcome.unchanged} unchanged ({organizer}, {campaign.year})."
    )
    for note in outcome.notes:
        command.stdout.write(str(note))

"""Load Scotland's postcodes and their council areas from the NRS or ONS postcode directory."""

import csv
import gzip
import io
import re
import time
import zipfile
from argparse import RawDescriptionHelpFormatter
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from django.db import transaction

from directory.models import CouncilArea, Postcode
from directory.models.geography import POSTCODE_RE

SCOTLAND = "S92000003"
DEFAULT_BATCH_SIZE = 2000
PROGRESS_EVERY = 100_000

# Column names are compared lower-case with spaces and punctuation removed, so that
# "CouncilArea2019Code", "Council Area 2019 Code" and "council_area_2019_code" all match.
NRS_POSTCODE = "postcode"
NRS_COUNCIL = re.compile(r"^councilarea(\d{4})?code$")
NRS_DELETED = "dateofdeletion"
ONS_POSTCODES = ["pcds", "pcd", "pcd7", "pcd2", "pcd8"]
ONS_COUNCIL = re.compile(r"^(?:oslaua|laua|lad(\d{2})cd)$")
ONS_TERMINATED = "doterm"
ONS_COUNTRY = re.compile(r"^ctry(\d{2}cd)?$")

HELP = """Load Scottish postcodes into the directory's postcode table (postcode -> council area).

FILE is a CSV, optionally gzipped or zipped, in one of two formats, recognised from its header:

  NRS Scottish Postcode Directory (SmallUser.csv or LargeUser.csv of the postcode index):
    reads Postcode, CouncilArea<year>Code (the latest year present, e.g. CouncilArea2019Code)
    and DateOfDeletion. Rows with a date of deletion are skipped. A split postcode (NRS adds a
    letter, e.g. "G33 6GSA") is stored once, under its ordinary postcode, with the first part's
    council area.

  ONS Postcode Directory (ONSPD, also the NSPL), the whole UK:
    reads pcds (or pcd, pcd7, pcd2, pcd8), the local authority code (lad<yy>cd, e.g. lad25cd,
    or the older oslaua / laua), doterm and the country (ctry<yy>cd or ctry). Rows outside
    Scotland (country not S92000003) and terminated rows (doterm set) are skipped.

Column names may have spaces and any case. The council area code must be the GSS code of one of
the council areas in the directory (S12000033 ...); rows with other codes are counted and
reported, not imported. Running it again updates changed rows and adds new ones; --prune also
deletes postcodes that are not in the file. A zip with several CSV files uses the largest unless
--member names one."""


def header_key(name):
    """'Council Area 2019 Code' -> 'councilarea2019code'."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def compact_postcode(text):
    """'eh1  1aa' -> 'EH11AA'; an NRS split postcode 'G33 6GSA' -> 'G336GS'; '' if it is not a postcode."""
    compact = re.sub(r"[^A-Za-z0-9]", "", text).upper()
    if POSTCODE_RE.match(compact):
        return compact
    if compact[-1:].isalpha() and POSTCODE_RE.match(compact[:-1]):
        return compact[:-1]
    return ""


@dataclass(frozen=True)
class Layout:
    """Where the columns that the import reads are in a file, and which format it is."""

    source: str
    postcode: int
    council: int
    terminated: int | None = None
    country: int | None = None
    names: tuple = ()

    @property
    def width(self):
        return max(i for i in (self.postcode, self.council, self.terminated, self.country) if i is not None) + 1


def _latest(keys, pattern):
    """The index of the column matching pattern with the highest year in its name, or None."""
    matches = [(m.group(1) or "", i) for i, key in enumerate(keys) if (m := pattern.match(key))]
    return max(matches)[1] if matches else None


def detect_layout(header):
    """Recognise the NRS or ONS header; None if it is neither."""
    keys = [header_key(name) for name in header]
    council = _latest(keys, NRS_COUNCIL)
    if NRS_POSTCODE in keys and council is not None:
        postcode = keys.index(NRS_POSTCODE)
        terminated = keys.index(NRS_DELETED) if NRS_DELETED in keys else None
        used = [postcode, council] + ([terminated] if terminated is not None else [])
        return Layout(
            "NRS Scottish Postcode Directory",
            postcode,
            council,
            terminated=terminated,
            names=tuple(header[i].strip() for i in used),
        )
    council = _latest(keys, ONS_COUNCIL)
    postcode = next((keys.index(name) for name in ONS_POSTCODES if name in keys), None)
    if postcode is not None and council is not None:
        terminated = keys.index(ONS_TERMINATED) if ONS_TERMINATED in keys else None
        country = _latest(keys, ONS_COUNTRY)
        used = [i for i in (postcode, council, terminated, country) if i is not None]
        return Layout(
            "ONS Postcode Directory",
            postcode,
            council,
            terminated=terminated,
            country=country,
            names=tuple(header[i].strip() for i in used),
        )
    return None


@dataclass
class Tally:
    """What happened to the rows of the file."""

    rows: int = 0
    postcodes: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    terminated: int = 0
    outside_scotland: int = 0
    not_postcodes: int = 0
    short_rows: int = 0
    repeated: int = 0
    split_across_councils: int = 0
    pruned: int = 0
    unknown_codes: Counter = field(default_factory=Counter)


class HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's argument order, with the description's line breaks kept."""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(prog_name, subcommand, formatter_class=HelpFormatter, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (.csv, .csv.gz or .zip).")
        parser.add_argument(
            "--prune", action="store_true", help="Also delete postcodes that are in the database but not in the file."
        )
        parser.add_argument("--member", help="In a zip with several CSV files, the one to read (default: the largest).")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Rows written per database statement (default {DEFAULT_BATCH_SIZE}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and count everything, then change nothing.")

    def handle(self, *args, **options):
        started = time.monotonic()
        councils = dict(CouncilArea.objects.values_list("gss_code", "pk"))
        if not councils:
            raise CommandError("There are no council areas in the database. Run 'python manage.py migrate' first.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        tally = Tally()
        with open_csv(options["file"], options["member"]) as (reader, name):
            layout = read_layout(reader, name)
            self.stdout.write(f"Reading {name} as the {layout.source}: columns {', '.join(layout.names)}.")
            with transaction.atomic():
                seen = self.load(reader, layout, councils, tally, options["batch_size"])
                if options["prune"]:
                    self.prune(seen, tally)
                if options["dry_run"]:
                    transaction.set_rollback(True)
        self.report(tally, layout, options, time.monotonic() - started)

    def load(self, reader, layout, councils, tally, batch_size):
        """Read every row, upserting Scottish live postcodes in batches. Returns {postcode: council pk}."""
        seen = {}
        batch = []
        width = layout.width
        for row in reader:
            if tally.rows and tally.rows % PROGRESS_EVERY == 0:
                self.stdout.write(f"  {tally.rows:,} rows read, {len(seen):,} Scottish postcodes so far")
            tally.rows += 1
            if len(row) < width:
                tally.short_rows += 1
                continue
            code = row[layout.council].strip().upper()
            if layout.country is not None:
                if row[layout.country].strip().upper() != SCOTLAND:
                    tally.outside_scotland += 1
                    continue
            elif code[:1] in {"E", "W", "N", "L", "M"}:
                tally.outside_scotland += 1
                continue
            if layout.terminated is not None and row[layout.terminated].strip():
                tally.terminated += 1
                continue
            compact = compact_postcode(row[layout.postcode])
            if not compact:
                tally.not_postcodes += 1
                continue
            council = councils.get(code)
            if council is None:
                tally.unknown_codes[code or "(blank)"] += 1
                continue
            previous = seen.get(compact)
            if previous is not None:
                if previous == council:
                    tally.repeated += 1
                else:
                    tally.split_across_councils += 1
                continue
            seen[compact] = council
            batch.append((compact, council))
            if len(batch) >= batch_size:
                self.write_batch(batch, tally)
                batch = []
        if batch:
            self.write_batch(batch, tally)
        tally.postcodes = len(seen)
        return seen

    def write_batch(self, batch, tally):
        """Create the new postcodes and update the changed ones of one batch, in one upsert."""
        existing = {
            postcode: (district, council)
            for postcode, district, council in Postcode.objects.filter(
                postcode__in=[postcode for postcode, _ in batch]
            ).values_list("postcode", "district", "council_area_id")
        }
        changes = []
        for compact, council in batch:
            district = POSTCODE_RE.match(compact).group(1)
            before = existing.get(compact)
            if before is None:
                tally.created += 1
            elif before != (district, council):
                tally.updated += 1
            else:
                tally.unchanged += 1
                continue
            changes.append(Postcode(postcode=compact, district=district, council_area_id=council))
        if changes:
            Postcode.objects.bulk_create(
                changes,
                update_conflicts=True,
                unique_fields=["postcode"],
                update_fields=["district", "council_area"],
            )

    def prune(self, seen, tally):
        """Delete the postcodes that the file does not have, unless the file gave none at all."""
        if not seen:
            raise CommandError("The file gave no postcodes that could be imported, so nothing was pruned.")
        rows = Postcode.objects.values_list("pk", "postcode").iterator(chunk_size=5000)
        stale = [pk for pk, postcode in rows if postcode not in seen]
        for start in range(0, len(stale), 1000):
            Postcode.objects.filter(pk__in=stale[start : start + 1000]).delete()
        tally.pruned = len(stale)

    def report(self, tally, layout, options, seconds):
        skipped = [
            (tally.terminated, "terminated or deleted"),
            (tally.outside_scotland, "outside Scotland"),
            (tally.not_postcodes, "without a valid postcode"),
            (tally.short_rows, "with missing columns"),
            (tally.repeated, "repeating a postcode"),
            (tally.split_across_councils, "split postcode parts in another council area (first part kept)"),
            (sum(tally.unknown_codes.values()), "with an unknown council area code"),
        ]
        skipped_text = "; ".join(f"{count:,} {what}" for count, what in skipped if count) or "none"
        verb = "Would import" if options["dry_run"] else "Imported"
        summary = (
            f"{verb} {tally.postcodes:,} Scottish postcodes from {tally.rows:,} rows of the {layout.source}: "
            f"{tally.created:,} new, {tally.updated:,} changed, {tally.unchanged:,} unchanged"
        )
        if options["prune"]:
            summary += f", {tally.pruned:,} {'to delete' if options['dry_run'] else 'deleted'} (not in the file)"
        self.stdout.write(self.style.SUCCESS(f"{summary}. Rows skipped: {skipped_text}. Took {seconds:.1f}s."))
        if tally.unknown_codes:
            listed = ", ".join(f"{code} ({count:,})" for code, count in tally.unknown_codes.most_common(10))
            more = len(tally.unknown_codes) - 10
            self.stderr.write(
                self.style.WARNING(
                    f"{sum(tally.unknown_codes.values()):,} rows had council area codes that are not in the "
                    f"directory and were not imported: {listed}{f' and {more} more' if more > 0 else ''}. "
                    "Check that the file is current (2019 council area codes), or add the council area."
                )
            )


def read_layout(reader, name):
    """Read the header row and recognise the format, or stop with a message naming the columns needed."""
    header = next(reader, None)
    if not header:
        raise CommandError(f"{name} is empty.")
    layout = detect_layout(header)
    if layout is None:
        found = ", ".join(column.strip() for column in header[:8]) + (", ..." if len(header) > 8 else "")
        raise CommandError(
            f"{name} has neither format's header. Expected the NRS Scottish Postcode Directory "
            "(Postcode, CouncilArea2019Code, DateOfDeletion) or the ONS Postcode Directory "
            f"(pcds, lad25cd or oslaua, doterm, ctry25cd or ctry). The first columns are: {found}"
        )
    return layout


@contextmanager
def open_csv(path, member=None):
    """Yield (csv reader, name) over a plain, gzipped or zipped CSV file, streaming it."""
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"There is no file at {path}.")
    with path.open("rb") as raw:
        magic = raw.read(4)
    try:
        if magic[:2] == b"\x1f\x8b":
            with gzip.open(path, "rt", encoding="utf-8-sig", errors="replace", newline="") as text:
                yield csv.reader(text), path.name
        elif magic == b"PK\x03\x04":
            with zipfile.ZipFile(path) as archive:
                info = zip_member(archive, member, path.name)
                with archive.open(info) as binary:
                    text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")
                    yield csv.reader(text), f"{path.name}:{info.filename}"
        else:
            with path.open(encoding="utf-8-sig", errors="replace", newline="") as text:
                yield csv.reader(text), path.name
    except (OSError, EOFError, zipfile.BadZipFile, csv.Error) as error:
        raise CommandError(f"Could not read {path.name}: {error}") from error


def zip_member(archive, member, name):
    """The CSV inside a zip to read: the one named, or the largest."""
    csvs = [info for info in archive.infolist() if info.filename.lower().endswith(".csv") and not info.is_dir()]
    if member:
        chosen = [info for info in csvs if info.filename == member or info.filename.rsplit("/", 1)[-1] == member]
        if not chosen:
            raise CommandError(f"{name} has no CSV file called {member}.")
        return chosen[0]
    if not csvs:
        raise CommandError(f"{name} has no CSV file in it.")
    return max(csvs, key=lambda info: info.file_size)

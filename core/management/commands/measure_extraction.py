"""Measure text extraction on hostile documents: the calling process's and the child's peak memory, and time."""

import io
import time

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand

from core.extraction import extract, validate_document_file
from core.samples import (
    make_bulky_docx,
    make_deep_docx,
    make_docx,
    make_laughs_docx,
    make_lying_docx,
    make_many_pages_pdf,
    make_pdf,
)

MB = 1024 * 1024


def hostile_documents(scale):
    """(label, extension, builder) for each document measured; `scale` shrinks the big ones (1 is the issue's)."""
    return [
        ("100-page PDF (ordinary)", "pdf", lambda: make_pdf([f"Page {n} about kestrels " * 40 for n in range(100)])),
        ("Word document (ordinary)", "docx", lambda: make_docx("Guide", ["A paragraph about herons."] * 200)),
        ("docx declaring 1 KB, unpacking to 200 MB", "docx", lambda: make_lying_docx(int(200 * MB * scale))),
        ("docx with 99 MB of real XML", "docx", lambda: make_bulky_docx(int(14_000_000 * scale))),
        ("docx nesting 1,000,000 elements", "docx", lambda: make_deep_docx(int(1_000_000 * scale))),
        ("docx with billion laughs", "docx", make_laughs_docx),
        ("PDF of 99,000 pages", "pdf", lambda: make_many_pages_pdf(int(99_000 * scale))),
        ("PDF of 99,000 pages declaring 10", "pdf", lambda: make_many_pages_pdf(int(99_000 * scale), 10)),
    ]


def memory_kb(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(f"{field}:"))


def reset_peak_memory():
    """Start this process's peak resident memory again from its current size (Linux 4.0 and later)."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


class Command(BaseCommand):
    help = (
        "Build hostile documents (lying zip sizes, bulky and deeply nested XML, billion laughs, PDFs of 99,000 "
        "pages) and read each as the extraction task does, printing this process's peak memory growth, the child's "
        "peak memory and CPU time, the wall time and the outcome. Linux only; touches no database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Shrink the hostile documents (default 1).")

    def handle(self, *args, scale, **options):
        self.stdout.write(
            "| document | file size | upload check (web worker): peak growth, time | extraction task: peak growth | "
            "child: peak memory | child: CPU | wall | outcome |"
        )
        self.stdout.write("|---|---|---|---|---|---|---|---|")
        for label, extension, build in hostile_documents(scale):
            data = build()
            check_kb, check_seconds, refusal = self.measure(check, data, extension)
            if refusal:
                self.stdout.write(f"| {label} | {len(data) / 1024:,.0f} KB | refused at upload: {refusal} |")
                continue
            grown_kb, wall, result = self.measure(extract, io.BytesIO(data), extension)
            if result.too_large:
                outcome = "too large to index"
            else:
                outcome = "failed" if result.note and not result.text else "text read"
            detail = result.note or f"{len(result.text):,} characters"
            self.stdout.write(
                f"| {label} | {len(data) / 1024:,.0f} KB | {check_kb / 1024:.1f} MB, {check_seconds:.2f} s | "
                f"{grown_kb / 1024:.1f} MB | {result.usage.get('child_peak_rss_kb', 0) / 1024:.0f} MB | "
                f"{result.usage.get('child_cpu_seconds', 0):.2f} s | {wall:.2f} s | {outcome}: {detail} |"
            )

    def measure(self, work, *args):
        """This process's peak memory growth (KB) and the time while doing `work`, and what it returned."""
        reset_peak_memory()
        before = memory_kb("VmRSS")
        started = time.monotonic()
        value = work(*args)
        return max(0, memory_kb("VmHWM") - before), time.monotonic() - started, value


def check(data, extension):
    """What the upload check says of a file: nothing if it is accepted, else why it is refused."""
    try:
        validate_document_file(ContentFile(data, name=f"document.{extension}"), extension)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""

"""The command that measures text extraction on hostile documents."""

import io

from django.core.management import call_command


def test_measure_extraction_prints_memory_and_time_for_each_hostile_document(settings):
    settings.RESOURCES_MAX_UNCOMPRESSED_SIZE = 1024 * 1024
    settings.RESOURCES_EXTRACTION_MAX_PAGES = 200
    out = io.StringIO()
    call_command("measure_extraction", "--scale", "0.01", stdout=out)
    rows = [line for line in out.getvalue().splitlines() if line.startswith("| ") and "MB" in line]
    assert (len(rows), sum("too large to index" in row for row in rows)) == (8, 4)

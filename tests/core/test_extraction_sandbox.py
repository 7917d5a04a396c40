"""Text is read in a child process under limits: hostile uploads are 'too large to index', never pending, and the
process that stores them does not grow."""

import io
import signal
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from core import extraction
from core.extraction import extract
from core.models import PortalDocument
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
TOO_LARGE = PortalDocument.Extraction.TOO_LARGE
FAILED = PortalDocument.Extraction.FAILED


@pytest.fixture(autouse=True)
def small_limits(settings):
    """Limits small enough for the hostile files to be quick to make and quick to refuse."""
    settings.RESOURCES_MAX_UNCOMPRESSED_SIZE = 8 * MB
    settings.RESOURCES_EXTRACTION_MAX_PAGES = 500
    settings.RESOURCES_EXTRACTION_CPU_SECONDS = 10
    settings.RESOURCES_EXTRACTION_WALL_SECONDS = 30
    return settings


def store(data, filename):
    """Store a document as an upload would; its text is read at once by the immediate task backend."""
    document = PortalDocument(title=filename, file=ContentFile(data, name=filename))
    document.full_clean()
    document.save()
    return PortalDocument.objects.get(pk=document.pk)


def peak_memory_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


def reset_peak_memory():
    """Start this process's peak resident memory again from its current size (Linux 4.0 and later)."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pytest.skip("this system cannot reset a process's peak memory")


HOSTILE = {
    # unpacks to 64 MB of XML while declaring 1,000 bytes; the limit is 8 MB, counted as it inflates
    "lying zip sizes": ("bomb.docx", lambda: make_lying_docx(64 * MB), TOO_LARGE, "unpacks to more than 8 MB"),
    "a million nested elements": ("deep.docx", lambda: make_deep_docx(1_000_000), TOO_LARGE, "nested more than 256"),
    "billion laughs": ("laughs.docx", make_laughs_docx, FAILED, "DTD"),
    "5,000 pages": ("long.pdf", lambda: make_many_pages_pdf(5000), TOO_LARGE, "has 5,000 pages"),
    "5,000 pages declaring 1": (
        "long.pdf",
        lambda: make_many_pages_pdf(5000, declared_count=1),
        TOO_LARGE,
        "more than 500 pages",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_uploads_are_not_indexed_and_say_why_without_the_storing_process_growing(case):
    filename, build, status, reason = HOSTILE[case]
    data = build()
    store(make_pdf(["Warm up"]), "warm.pdf")
    reset_peak_memory()
    before = peak_memory_kb()
    document = store(data, filename)
    grown_mb = (peak_memory_kb() - before) / 1024
    assert (document.extraction_status, reason in document.extraction_note, document.extracted_text) == (
        status,
        True,
        "",
    )
    assert grown_mb < 16, f"the storing process's peak memory grew by {grown_mb:.0f} MB"


def test_a_lying_zip_unpacks_no_further_than_the_limit_in_a_small_child():
    result = extract(io.BytesIO(make_lying_docx(64 * MB)), "docx")
    assert (result.too_large, result.usage["child_peak_rss_kb"] < 64 * 1024) == (True, True)


@pytest.mark.django_db
def test_the_child_is_stopped_at_its_cpu_time_limit(settings):
    settings.RESOURCES_EXTRACTION_CPU_SECONDS = 1
    settings.RESOURCES_MAX_UNCOMPRESSED_SIZE = 100 * MB
    document = store(make_bulky_docx(6_000_000), "bulky.docx")  # 42 MB of honest XML: some seconds to parse
    assert (document.extraction_status, "more than 1 second of processing" in document.extraction_note) == (
        TOO_LARGE,
        True,
    )


def test_the_child_is_killed_at_the_wall_clock_limit(settings):
    settings.RESOURCES_EXTRACTION_WALL_SECONDS = 0.3
    settings.RESOURCES_MAX_UNCOMPRESSED_SIZE = 100 * MB
    result = extract(io.BytesIO(make_bulky_docx(6_000_000)), "docx")
    assert (result.too_large, "longer than 0.3 seconds" in result.note, result.usage["exit"]) == (
        True,
        True,
        -signal.SIGKILL,
    )
    assert result.usage["wall_seconds"] < 3


def test_the_child_runs_out_of_memory_at_its_address_space_limit(settings):
    settings.RESOURCES_EXTRACTION_MEMORY = 64 * MB
    settings.RESOURCES_EXTRACTION_MAX_PAGES = 100_000
    result = extract(io.BytesIO(make_many_pages_pdf(20_000)), "pdf")
    assert (result.too_large, "more than 64 MB of memory" in result.note) == (True, True)


@pytest.mark.django_db
def test_a_child_that_crashes_leaves_the_document_failed_with_a_note_not_pending(monkeypatch, tmp_path):
    crashing = tmp_path / "crash.py"
    crashing.write_text("import os\nos.abort()\n")
    monkeypatch.setattr(extraction, "WORKER", crashing)
    document = store(make_pdf(["Fine"]), "fine.pdf")
    assert (document.extraction_status, document.extraction_note) == (
        FAILED,
        "This file seems to be damaged, so its text could not be read.",
    )


@pytest.mark.django_db
def test_ordinary_documents_are_still_read_in_full():
    docx = store(make_docx("Guide to herons", ["Herons\tand egrets", "Second paragraph"]), "guide.docx")
    pdf = store(make_pdf(["Page about kestrels", "Page about merlins"]), "guide.pdf")
    assert (docx.extraction_status, docx.extracted_text, pdf.extracted_text, pdf.page_count) == (
        PortalDocument.Extraction.DONE,
        "Guide to herons Herons and egrets Second paragraph",
        "Page about kestrels Page about merlins",
        2,
    )


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-password-1"))
    return client


@pytest.mark.django_db
def test_a_zip_with_too_many_parts_is_refused_at_upload(editor_client, settings):
    settings.RESOURCES_MAX_ZIP_MEMBERS = 50
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(60):
            archive.writestr(f"word/media/{number}.xml", "")
    response = editor_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Many parts",
            "file": SimpleUploadedFile("parts.docx", out.getvalue()),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert ("far more parts" in response.content.decode(), PortalDocument.objects.exists()) == (True, False)


@pytest.mark.django_db
def test_the_edit_page_tells_the_editor_the_document_is_too_large_to_index(editor_client):
    document = store(make_many_pages_pdf(600), "long.pdf")
    content = editor_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert ("Too large to index" in content, "has 600 pages; we read no more than 500" in content) == (True, True)

"""Uploads are checked against their extension; text is read from PDF, DOCX, ODT, RTF and text files."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from core.models import PortalDocument
from core.samples import make_docx, make_odt, make_pdf, make_rtf

from .conftest import make_document


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-password-1"))
    return client


def upload(client, filename, data):
    """Upload through the Wagtail admin, as an editor would."""
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": filename,
            "file": SimpleUploadedFile(filename, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def zip_bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (120 * 1024 * 1024))
    return out.getvalue()


BAD_FILES = {
    "empty": ("empty.pdf", b""),
    "html named pdf": ("report.pdf", b"<html><script>alert(1)</script></html>"),
    "svg with script named pdf": ("report.pdf", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'),
    "text named docx": ("report.docx", b"just some text"),
    "zip without word members": ("report.docx", make_odt(["x"])),
    "docx named odt": ("report.odt", make_docx("T", ["x"])),
    "binary named txt": ("notes.txt", b"\x00\x01\x02\xff\xfe"),
    "html named txt": ("notes.txt", b"<!DOCTYPE html><html><body>hi</body></html>"),
    "not rtf": ("notes.rtf", b"hello"),
    "zip bomb docx": ("bomb.docx", zip_bomb()),
    "executable extension": ("setup.exe", b"MZ\x90\x00"),
    "html extension": ("page.html", b"<html></html>"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_uploads_are_refused(editor_client, case):
    filename, data = BAD_FILES[case]
    upload(editor_client, filename, data)
    assert not PortalDocument.objects.exists()


@pytest.mark.django_db
def test_files_over_the_size_limit_are_refused(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    upload(editor_client, "big.pdf", make_pdf(["x " * 2000]))
    assert not PortalDocument.objects.exists()


@pytest.mark.django_db
def test_a_good_pdf_upload_is_stored_with_its_text_and_page_count(editor_client):
    upload(editor_client, "guide.pdf", make_pdf(["First page", "Second page about advocacy"]))
    document = PortalDocument.objects.get()
    assert (document.page_count, "advocacy" in document.extracted_text) == (2, True)


@pytest.mark.django_db
def test_an_encrypted_pdf_is_stored_with_a_note(editor_client):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["Secret text"]))))
    writer.encrypt("open-sesame")
    out = io.BytesIO()
    writer.write(out)
    upload(editor_client, "locked.pdf", out.getvalue())
    assert "password" in PortalDocument.objects.get().extraction_note


@pytest.mark.django_db
def test_a_corrupt_pdf_is_stored_with_a_note(editor_client):
    upload(editor_client, "broken.pdf", b"%PDF-1.4\n garbage that is not a pdf \x00\x01")
    assert PortalDocument.objects.get().extraction_note != ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filename", "data", "word"),
    [
        ("a.pdf", make_pdf(["Words about kestrels"]), "kestrels"),
        ("a.docx", make_docx("Title", ["Words about herons"]), "herons"),
        ("a.odt", make_odt(["Words about puffins"]), "puffins"),
        ("a.rtf", make_rtf(["Words about gannets"]), "gannets"),
        ("a.txt", "Words about ospreys, café".encode(), "ospreys"),
    ],
)
def test_text_is_read_from_each_format(filename, data, word):
    assert word in make_document("A document", data, filename).extracted_text


@pytest.mark.django_db
def test_replacing_the_file_reads_the_text_again():
    document = make_document("Guide", make_pdf(["Old words about curlews"]), "guide.pdf")
    document.file = ContentFile(make_pdf(["New words about dippers"]), name="guide-2.pdf")
    document.save()
    assert "dippers" in PortalDocument.objects.get(pk=document.pk).extracted_text


@pytest.mark.django_db
def test_replacing_the_file_in_the_admin_reads_the_text_again(editor_client):
    document = make_document("Guide", make_pdf(["Old words about curlews"]), "guide.pdf")
    editor_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Guide",
            "file": SimpleUploadedFile("guide-3.pdf", make_pdf(["Newer words about wrens"])),
            "collection": document.collection_id,
        },
    )
    assert "wrens" in PortalDocument.objects.get(pk=document.pk).extracted_text


@pytest.mark.django_db
def test_documents_other_than_pdf_are_downloaded_not_shown(client):
    document = make_document("Notes", b"<b>plain</b> notes", "notes.txt")
    response = client.get(document.url)
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_documents_are_served_with_nosniff_and_no_script(client):
    document = make_document("Guide", make_pdf(["x"]), "guide.pdf")
    response = client.get(document.url)
    assert (response["X-Content-Type-Options"], response["Content-Security-Policy"]) == (
        "nosniff",
        "default-src 'none'",
    )


@pytest.mark.django_db
def test_resource_page_shows_file_type_size_and_pages(client, library):
    content = client.get(library["resources"]["toolkit"].url).content.decode()
    assert "PDF" in content and "2 pages" in content and "KB" in content or "bytes" in content

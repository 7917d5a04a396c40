"""Checking uploaded documents against their extension, and reading the text inside them.

Validation runs when a file is uploaded and refuses anything whose content does not match its name. Extraction
runs later, in a background task, and never raises: a file it cannot read is stored with a note saying why.
"""

import io
import logging
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

logger = logging.getLogger(__name__)

# The members each zip-based format must have, and for OpenDocument the declared media type.
OOXML_MEMBERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
TEXT_EXTENSIONS = {"txt", "csv"}
MARKUP_STARTS = (b"<!doctype", b"<html", b"<svg", b"<script", b"<?xml", b"<body", b"<head", b"<iframe")
EXTRACTED_FORMATS = {"pdf", "docx", "odt", "rtf", "txt", "csv"}


def max_uncompressed_size():
    return getattr(settings, "RESOURCES_MAX_UNCOMPRESSED_SIZE", 100 * 1024 * 1024)


def max_extracted_chars():
    return getattr(settings, "RESOURCES_MAX_EXTRACTED_CHARS", 1_000_000)


def read_all(file):
    """The whole file as bytes, from its start, leaving it at its start."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data if isinstance(data, bytes) else data.encode()


def validate_document_file(file, extension):
    """Refuse a file that is empty, too big, or whose content is not what its extension says."""
    extension = extension.lower()
    size = getattr(file, "size", None)
    if size == 0:
        raise ValidationError("This file is empty. Choose the file again, or another one.")
    max_size = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    if max_size is not None and size is not None and size > max_size:
        raise ValidationError(
            f"This file is too big ({filesizeformat(size)}). The largest file you can upload is "
            f"{filesizeformat(max_size)}."
        )
    data = read_all(file)
    if not data:
        raise ValidationError("This file is empty. Choose the file again, or another one.")
    mismatch = ValidationError(
        f"This file's content is not a .{extension} file. Save it in that format, or give it the right extension."
    )
    if extension == "pdf":
        if not data.startswith(b"%PDF-"):
            raise mismatch
    elif extension == "rtf":
        if not data.startswith(b"{\\rtf"):
            raise mismatch
    elif extension in TEXT_EXTENSIONS:
        validate_text(data, mismatch)
    elif extension in OOXML_MEMBERS or extension in ODF_MIMETYPES:
        validate_zip(data, extension, mismatch)


def validate_text(data, mismatch):
    """Plain text must decode as UTF-8 (or Windows-1252), hold no NUL bytes and not be a web page."""
    if b"\x00" in data:
        raise mismatch
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise mismatch from error
    if data.lstrip().lower().startswith(MARKUP_STARTS):
        raise mismatch


def validate_zip(data, extension, mismatch):
    """Office files are zip archives with the right members, and no bigger than the limit once unpacked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise mismatch from error
    if extension in OOXML_MEMBERS:
        if "[Content_Types].xml" not in names or OOXML_MEMBERS[extension] not in names:
            raise mismatch
    else:
        if "mimetype" not in names or archive.read("mimetype").strip() != ODF_MIMETYPES[extension]:
            raise mismatch
    if sum(info.file_size for info in infos) > max_uncompressed_size():
        raise ValidationError(
            "This file unpacks to far more than its size, so we cannot accept it. Save it again and re-upload it."
        )


@dataclass
class Extraction:
    """The text read from a document, its number of pages if known, and a note for editors if something failed."""

    text: str = ""
    page_count: int | None = None
    note: str = ""


def extract(file, extension):
    """Read the text of a document. Never raises: a failure becomes a note."""
    extension = extension.lower()
    if extension not in EXTRACTED_FORMATS:
        return Extraction(note="Text is not read from this kind of file.")
    try:
        data = read_all(file)
        if extension in ("docx", "odt"):
            validate_zip(data, extension, ValidationError("not a valid file"))
        result = EXTRACTORS[extension](data)
    except ValidationError:
        return Extraction(note="This file could not be read safely, so its text is not searchable.")
    except Exception:  # any library error on a damaged file: keep the file, say why its text is missing
        logger.warning("Could not read the text of a .%s document", extension, exc_info=True)
        return Extraction(note="This file seems to be damaged, so its text could not be read.")
    result.text = " ".join(result.text.split())[: max_extracted_chars()]
    return result


def extract_pdf(data):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception:  # pypdf raises several kinds for unsupported encryption
            opened = 0
        if not opened:
            return Extraction(note="This PDF is protected with a password, so its text could not be read.")
    pages = reader.pages
    parts, length, limit = [], 0, max_extracted_chars()
    for page in pages:
        if length >= limit:
            break
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
    text = "\n".join(parts)
    note = "" if text.strip() else "No text was found in this PDF: it may be scanned images."
    return Extraction(text=text, page_count=len(pages), note=note)


def extract_docx(data):
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return Extraction(text="\n".join(parts), page_count=docx_page_count(data))


def docx_page_count(data):
    """The page count Word saved in docProps/app.xml, if any."""
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "docProps/app.xml" not in archive.namelist():
            return None
        match = re.search(rb"<Pages>(\d+)</Pages>", archive.read("docProps/app.xml"))
    return int(match.group(1)) if match else None


def extract_odt(data):
    from odf import teletype
    from odf import text as odf_text
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    parts = [teletype.extractText(element) for element in document.getElementsByType(odf_text.H)]
    parts += [teletype.extractText(element) for element in document.getElementsByType(odf_text.P)]
    return Extraction(text="\n".join(parts))


def extract_rtf(data):
    from striprtf.striprtf import rtf_to_text

    return Extraction(text=rtf_to_text(data.decode("latin-1"), errors="ignore"))


def extract_text(data):
    try:
        return Extraction(text=data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Extraction(text=data.decode("cp1252", errors="replace"))


EXTRACTORS = {
    "pdf": extract_pdf,
    "docx": extract_docx,
    "odt": extract_odt,
    "rtf": extract_rtf,
    "txt": extract_text,
    "csv": extract_text,
}

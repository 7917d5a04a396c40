"""Checking uploaded documents against their extension, and reading the text inside them.

Validation runs when a file is uploaded and refuses anything whose content does not match its name. Extraction
runs later, in a background task, and never raises: a file it cannot read is stored with a note saying why.
"""

import contextlib
import io
import json
import logging
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from .extraction_worker import EXIT_OUT_OF_MEMORY, megabytes, peak_memory_kb, too_large_note

logger = logging.getLogger(__name__)
WORKER = Path(__file__).with_name("extraction_worker.py")

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


def max_zip_members():
    return getattr(settings, "RESOURCES_MAX_ZIP_MEMBERS", 10_000)


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
    """Office files are zip archives with the right members, not too many of them, and no bigger than the limit
    once unpacked by the sizes they declare (text extraction counts the real sizes)."""
    # Every entry of the central directory starts with this signature, so this bounds what zipfile would list.
    if data.count(b"PK\x01\x02") > max_zip_members():
        raise ValidationError(
            "This file has far more parts than a document needs, so we cannot accept it. Save it again and "
            "re-upload it."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        infos = archive.infolist()
        if extension in OOXML_MEMBERS:
            if "[Content_Types].xml" not in names or OOXML_MEMBERS[extension] not in names:
                raise mismatch
        else:
            if "mimetype" not in names:
                raise mismatch
            with archive.open("mimetype") as member:
                if member.read(100).strip() != ODF_MIMETYPES[extension]:
                    raise mismatch
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as error:
        raise mismatch from error
    if sum(info.file_size for info in infos) > max_uncompressed_size():
        raise ValidationError(
            "This file unpacks to far more than its size, so we cannot accept it. Save it again and re-upload it."
        )


@dataclass
class Extraction:
    """The text read from a document, its number of pages if known, a note for editors if something failed, whether
    it went over a limit (too large to index), and what reading it cost (`usage`: the child's peak memory and CPU
    time, the wall time)."""

    text: str = ""
    page_count: int | None = None
    note: str = ""
    too_large: bool = False
    usage: dict = field(default_factory=dict)


def extraction_limits(extension):
    """The limits the child process reads a document under, from settings."""
    max_chars = max_extracted_chars()
    return {
        "extension": extension,
        "memory": getattr(settings, "RESOURCES_EXTRACTION_MEMORY", 512 * 1024 * 1024),
        "cpu_seconds": max(1, math.ceil(getattr(settings, "RESOURCES_EXTRACTION_CPU_SECONDS", 30))),
        "output_bytes": max_chars * 6 + 64 * 1024,
        "max_input": getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or 100 * 1024 * 1024,
        "max_inflated": max_uncompressed_size(),
        "max_zip_members": max_zip_members(),
        "max_pages": getattr(settings, "RESOURCES_EXTRACTION_MAX_PAGES", 2000),
        "max_xml_depth": getattr(settings, "RESOURCES_EXTRACTION_MAX_XML_DEPTH", 256),
        "max_chars": max_chars,
    }


def extract(file, extension):
    """Read the text of a document in a child process with limits (see `core.extraction_worker`). Never raises: a
    failure or a limit becomes a note. The calling process only copies the file and waits, so its memory stays flat
    whatever the file holds."""
    extension = extension.lower()
    if extension not in EXTRACTED_FORMATS:
        return Extraction(note="Text is not read from this kind of file.")
    limits = extraction_limits(extension)
    try:
        with tempfile.TemporaryFile() as source, tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as errors:
            copy_to(file, source)
            return run_worker(source, output, errors, limits)
    except OSError:
        logger.exception("Could not run the text reader for a .%s document", extension)
        return Extraction(note="The text of this file could not be read this time.")


def copy_to(file, target):
    """Copy a file, in chunks, to the start of `target`."""
    file.seek(0)
    while chunk := file.read(1024 * 1024):
        target.write(chunk if isinstance(chunk, bytes) else chunk.encode())
    file.seek(0)
    target.seek(0)


def run_worker(source, output, errors, limits):
    """Run the child on `source`, kill it (and anything it started) at the wall-clock limit, and read its result."""
    wall_limit = getattr(settings, "RESOURCES_EXTRACTION_WALL_SECONDS", 60)
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and script, no shell)
        [sys.executable, "-I", "-B", str(WORKER), json.dumps(limits)],
        stdin=source,
        stdout=output,
        stderr=errors,
        close_fds=True,
        start_new_session=True,
        env={"LC_ALL": "C.UTF-8", "PATH": os.defpath},
    )
    timed_out, pause, peak = False, 0.005, 0
    while True:
        pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, peak_memory_kb(process.pid))
        if time.monotonic() - started > wall_limit:
            timed_out = True
            kill_group(process.pid)
            pid, status, rusage = os.wait4(process.pid, 0)
            break
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    kill_group(process.pid)
    wall_seconds = time.monotonic() - started
    result = worker_result(process.returncode, timed_out, output, errors, limits, wall_limit)
    result.usage = {
        "wall_seconds": wall_seconds,
        "child_peak_rss_kb": max(peak, result.usage.get("peak_rss_kb", 0)),
        "child_cpu_seconds": rusage.ru_utime + rusage.ru_stime,
        "exit": process.returncode,
    }
    return result


def kill_group(pid):
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def worker_result(returncode, timed_out, output, errors, limits, wall_limit):
    """What the child's exit and output say about the document."""
    if timed_out:
        return too_large(f"took longer than {seconds(wall_limit)} to read")
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return too_large(f"needs more than {seconds(limits['cpu_seconds'])} of processing to read")
    if returncode == EXIT_OUT_OF_MEMORY:
        return too_large(f"needs more than {megabytes(limits['memory'])} of memory to read")
    output.seek(0)
    raw = output.read(limits["output_bytes"] + 1)
    try:
        data = json.loads(raw) if returncode == 0 else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        errors.seek(0)
        logger.warning(
            "The text reader failed on a .%s document (exit %s): %s",
            limits["extension"],
            returncode,
            errors.read(4000).decode("utf-8", "replace"),
        )
        return Extraction(note="This file seems to be damaged, so its text could not be read.")
    if data.get("too_large"):
        logger.warning("A .%s document is too large to index: %s", limits["extension"], data.get("note"))
    page_count = data.get("page_count")
    return Extraction(
        text=str(data.get("text") or "")[: limits["max_chars"]],
        page_count=page_count if isinstance(page_count, int) and page_count >= 0 else None,
        note=str(data.get("note") or "")[:300],
        too_large=bool(data.get("too_large")),
        usage=data.get("usage") if isinstance(data.get("usage"), dict) else {},
    )


def seconds(number):
    return f"{number:g} second{'' if number == 1 else 's'}"


def too_large(reason):
    return Extraction(note=too_large_note(reason), too_large=True)

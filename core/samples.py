"""Small real documents made in code, for demo content, tests and the benchmark: PDF, DOCX, ODT, RTF and text."""

import io


def pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages):
    """A valid PDF with one page per string of `pages`, each line set in Helvetica."""
    pages = list(pages) or [""]
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        lines = text.split("\n")
        stream = "BT /F1 11 Tf 14 TL 56 780 Td " + " ".join(f"({pdf_escape(line)}) '" for line in lines) + " ET"
        content = stream.encode("latin-1", errors="replace")
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        content_number = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % content_number
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def make_docx(title, paragraphs):
    """A Word document with a heading and paragraphs."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_odt(paragraphs):
    """An OpenDocument text file with these paragraphs."""
    from odf import text as odf_text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    for paragraph in paragraphs:
        document.text.addElement(odf_text.P(text=paragraph))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def make_rtf(paragraphs):
    """A Rich Text Format file with these paragraphs."""
    body = "\\par ".join(p.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}") for p in paragraphs)
    return ("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Helvetica;}}\\f0 " + body + "}").encode("latin-1", "replace")


# Hostile documents, for the tests and the measurement of text extraction's limits. Each is built streamed, so
# making one costs little memory whatever it unpacks to.

WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def make_docx_from_parts(parts):
    """A minimal .docx whose word/document.xml is the bytes of `parts` (an iterable), deflated as they come."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w") as member:
            for part in parts:
                member.write(part)
    return out.getvalue()


def word_document(body_parts):
    yield f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD_NAMESPACE}"><w:body>'.encode()
    yield from body_parts
    yield b"</w:body></w:document>"


def make_lying_docx(unpacked_size, declared_size=1000):
    """A .docx whose word/document.xml unpacks to `unpacked_size` bytes (zeros between paragraphs, so no text)
    while its local header and central directory declare `declared_size`."""
    chunk = b"0" * (1024 * 1024)
    whole, rest = divmod(unpacked_size, len(chunk))
    data = bytearray(make_docx_from_parts(word_document([chunk] * whole + [chunk[:rest]])))
    return bytes(declare_sizes(data, "word/document.xml", declared_size))


def declare_sizes(data, name, size):
    """Rewrite the uncompressed size a zip declares for member `name`, in its local header and central directory."""
    import struct

    encoded = name.encode()
    position = data.rfind(b"PK\x05\x06")
    (directory,) = struct.unpack("<I", data[position + 16 : position + 20])
    while data[directory : directory + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack("<HHH", data[directory + 28 : directory + 34])
        if data[directory + 46 : directory + 46 + name_length] == encoded:
            (local,) = struct.unpack("<I", data[directory + 42 : directory + 46])
            data[directory + 24 : directory + 28] = struct.pack("<I", size)
            data[local + 22 : local + 26] = struct.pack("<I", size)
        directory += 46 + name_length + extra_length + comment_length
    return data


def make_bulky_docx(paragraphs):
    """A .docx that is honest about its size but holds `paragraphs` empty paragraphs (7 bytes of XML each)."""
    unit = b"<w:p/>\n" * 10_000
    whole, rest = divmod(paragraphs, 10_000)
    return make_docx_from_parts(word_document([unit] * whole + [unit[: rest * 7]]))


def make_deep_docx(depth):
    """A .docx whose word/document.xml nests `depth` elements inside each other (7 bytes of XML each)."""
    return make_docx_from_parts(word_document([b"<a>" * depth, b"<w:t>deep</w:t>", b"</a>" * depth]))


def make_laughs_docx(levels=10):
    """A .docx whose word/document.xml declares entities that expand ten-fold at each of `levels` ("billion
    laughs")."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, levels)
    ]
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{"".join(entities)}]>'
        f'<w:document xmlns:w="{WORD_NAMESPACE}"><w:body><w:p><w:r><w:t>&lol{levels - 1};</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    return make_docx_from_parts([xml.encode()])


def make_many_pages_pdf(pages, declared_count=None):
    """A valid PDF of `pages` pages sharing one content stream and inheriting their page size and font, so it stays
    small (about 70 bytes a page); its page tree may declare another count (`declared_count`)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []

    def write(body):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % (len(offsets)) + body + b"\nendobj\n")

    content = b"BT /F1 11 Tf 56 780 Td (A page of many) Tj ET"
    first_page = 5
    kids = b" ".join(b"%d 0 R" % number for number in range(first_page, first_page + pages))
    write(b"<< /Type /Catalog /Pages 2 0 R >>")
    write(
        b"<< /Type /Pages /Count %d /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Kids [%s] >>"
        % (pages if declared_count is None else declared_count, kids)
    )
    write(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    write(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    for _ in range(pages):
        write(b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))
    return out.getvalue()

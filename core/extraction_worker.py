"""The child process that reads one document's text, under limits: `python -I -B core/extraction_worker.py LIMITS`.

Run by `core.extraction.extract`, never imported by the site: it uses the standard library, pypdf and striprtf
only, so Django is not loaded. The document comes on standard input, a JSON result goes to standard output. Before
it reads anything it limits its own address space, CPU time, file writes and open files; everything it unpacks is
counted as it is inflated (declared sizes are ignored), XML is streamed with a depth limit and no DTDs, and PDFs are
refused over a page limit before any page is read.
"""

import io
import json
import os
import re
import resource
import signal
import struct
import sys
import zipfile
import zlib
from xml.parsers import expat

CHUNK = 64 * 1024
#: Exit status of a child that ran out of memory (MemoryError), so the parent can say so.
EXIT_OUT_OF_MEMORY = 75
MAX_SPACES = 100

WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main}"
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class TooLarge(Exception):
    """The document goes over a limit: its text is not read. The message completes "This file ..." for editors."""


class Unsafe(Exception):
    """The document holds something the reader refuses (a DTD, encryption, an unknown compression)."""


class Enough(Exception):
    """As much text as is kept has been read."""


def apply_limits(limits):
    """Limit this process before it reads the document."""
    memory, cpu, output = limits["memory"], limits["cpu_seconds"], limits["output_bytes"]
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # The soft limit sends SIGXCPU, which kills; the hard limit a little later sends SIGKILL in case it is caught.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))
    resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (32, 32))
    # A write past the output limit fails with an error rather than killing the process without a result.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


class Budget:
    """Bytes that may still be inflated from an archive, counted as they come out of the decompressor."""

    def __init__(self, limit):
        self.limit = limit
        self.left = limit

    def spend(self, size):
        self.left -= size
        if self.left < 0:
            raise TooLarge(f"unpacks to more than {megabytes(self.limit)}")


def too_large_note(reason):
    """The note editors see on a document that went over a limit; `reason` completes "This file ..."."""
    return f"This file {reason}, so it is too large to index: its text is not searchable."


def megabytes(size):
    return f"{size / (1024 * 1024):g} MB"


def inflate(data, info, budget):
    """The bytes of one zip member, in chunks, counted against the budget: the sizes the archive declares are
    ignored, a deflate stream is read until it ends."""
    if info.flag_bits & 0x1:
        raise Unsafe("is encrypted")
    start = info.header_offset
    header = data[start : start + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ValueError("bad local header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    position = start + 30 + name_length + extra_length
    if info.compress_type == zipfile.ZIP_STORED:
        end = min(position + info.compress_size, len(data))
        while position < end:
            chunk = data[position : min(position + CHUNK, end)]
            position += len(chunk)
            budget.spend(len(chunk))
            yield chunk
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise Unsafe("uses a kind of compression we do not read")
    decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
    while not decompressor.eof:
        if decompressor.unconsumed_tail:
            chunk = decompressor.decompress(decompressor.unconsumed_tail, CHUNK)
        else:
            compressed = data[position : position + CHUNK]
            if not compressed:
                raise ValueError("truncated member")
            position += len(compressed)
            chunk = decompressor.decompress(compressed, CHUNK)
        budget.spend(len(chunk))
        if chunk:
            yield chunk


class XmlText:
    """Streams an XML part through expat, keeping the text of some elements; no DTD, a depth limit, a text limit.

    `text` are the elements whose character data is kept when `inside` is empty, or the elements inside which all
    character data is kept; `ends` end a line; `tabs` and `breaks` become a space and a line break; `spaces` are
    ODF's run of spaces (attribute `c`).
    """

    def __init__(self, limits, *, text, ends, tabs=(), breaks=(), spaces=(), inside=False):
        self.text, self.ends, self.tabs, self.breaks, self.spaces = text, ends, tabs, breaks, spaces
        self.inside = inside
        self.max_depth = limits["max_xml_depth"]
        self.max_chars = limits["max_chars"] * 2  # whitespace is collapsed afterwards
        self.parts, self.length, self.depth, self.keeping = [], 0, 0, 0
        parser = self.parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.SetParamEntityParsing(0)  # XML_PARAM_ENTITY_PARSING_NEVER
        parser.StartDoctypeDeclHandler = self.refuse_dtd
        parser.EntityDeclHandler = self.refuse_dtd
        parser.ExternalEntityRefHandler = self.refuse_dtd
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.characters

    def refuse_dtd(self, *args):
        raise Unsafe("declares a DTD or entities, which office documents never need")

    def start(self, name, attributes):
        self.depth += 1
        if self.depth > self.max_depth:
            raise TooLarge(f"has XML nested more than {self.max_depth} levels deep")
        if name in self.text:
            self.keeping += 1
        elif self.keeping or not self.inside:
            if name in self.tabs:
                self.add(" ")
            elif name in self.breaks:
                self.add("\n")
            elif name in self.spaces:
                count = attributes.get(ODF_TEXT + "c", "1")
                self.add(" " * min(int(count) if count.isdigit() else 1, MAX_SPACES))

    def end(self, name):
        self.depth -= 1
        if name in self.text:
            self.keeping -= 1
        if name in self.ends:
            self.add("\n")

    def characters(self, data):
        if self.keeping:
            self.add(data)

    def add(self, text):
        self.parts.append(text)
        self.length += len(text)
        if self.length >= self.max_chars:
            raise Enough

    def read(self, chunks):
        """The text kept from the XML in `chunks`."""
        try:
            for chunk in chunks:
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except Enough:
            pass
        return "".join(self.parts)


def open_archive(data, limits):
    archive = zipfile.ZipFile(io.BytesIO(data))
    if len(archive.infolist()) > limits["max_zip_members"]:
        raise TooLarge(f"holds more than {limits['max_zip_members']:,} parts")
    return archive


def extract_docx(data, limits):
    archive = open_archive(data, limits)
    budget = Budget(limits["max_inflated"])
    text = XmlText(
        limits,
        text={WORD + "t", WORD_STRICT + "t"},
        ends={WORD + "p", WORD_STRICT + "p"},
        tabs={WORD + "tab", WORD_STRICT + "tab"},
        breaks={WORD + "br", WORD + "cr", WORD_STRICT + "br", WORD_STRICT + "cr"},
    ).read(inflate(data, archive.getinfo("word/document.xml"), budget))
    return {"text": text, "page_count": docx_page_count(data, archive)}


def docx_page_count(data, archive):
    """The page count Word saved in docProps/app.xml, if any (read no further than 1 MB)."""
    try:
        info = archive.getinfo("docProps/app.xml")
    except KeyError:
        return None
    budget, parts = Budget(1024 * 1024), []
    try:
        parts.extend(inflate(data, info, budget))
    except (TooLarge, Unsafe, ValueError, zlib.error):
        return None
    match = re.search(rb"<Pages>(\d{1,9})</Pages>", b"".join(parts))
    return int(match.group(1)) if match else None


def extract_odt(data, limits):
    archive = open_archive(data, limits)
    budget = Budget(limits["max_inflated"])
    text = XmlText(
        limits,
        text={ODF_TEXT + "p", ODF_TEXT + "h"},
        ends={ODF_TEXT + "p", ODF_TEXT + "h"},
        tabs={ODF_TEXT + "tab"},
        breaks={ODF_TEXT + "line-break"},
        spaces={ODF_TEXT + "s"},
        inside=True,
    ).read(inflate(data, archive.getinfo("content.xml"), budget))
    return {"text": text}


def extract_pdf(data, limits):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception:  # pypdf raises several kinds for unsupported encryption
            opened = 0
        if not opened:
            return {"note": "This PDF is protected with a password, so its text could not be read."}
    page_count = count_pdf_pages(reader, limits["max_pages"])
    parts, length = [], 0
    for page in reader.pages:
        if length >= limits["max_chars"]:
            break
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
    text = "\n".join(parts)
    note = "" if text.strip() else "No text was found in this PDF: it may be scanned images."
    return {"text": text, "page_count": page_count, "note": note}


def count_pdf_pages(reader, max_pages):
    """The number of pages, found by walking the page tree without trusting its counts, and refused over the
    limit before pypdf lists (and so loads) every page."""
    from pypdf.generic import IndirectObject

    declared = reader.trailer["/Root"]["/Pages"].get("/Count", 0)
    if isinstance(declared, int) and declared > max_pages:
        raise TooLarge(f"has {declared:,} pages; we read no more than {max_pages:,}")
    stack, seen, pages, nodes = [reader.trailer["/Root"].raw_get("/Pages")], set(), 0, 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
        node = node.get_object()
        nodes += 1
        if nodes > 2 * max_pages + 100:
            raise TooLarge(f"has more than {max_pages:,} pages; we read no more than that")
        kids = node.get("/Kids") if hasattr(node, "get") else None
        if kids is None:
            pages += 1
            if pages > max_pages:
                raise TooLarge(f"has more than {max_pages:,} pages; we read no more than that")
        else:
            stack.extend(kids.get_object())
    return pages


def extract_rtf(data, limits):
    from striprtf.striprtf import rtf_to_text

    return {"text": rtf_to_text(data.decode("latin-1"), errors="ignore")}


def extract_text(data, limits):
    data = data[: limits["max_chars"] * 4]
    try:
        return {"text": data.decode("utf-8-sig")}
    except UnicodeDecodeError:
        return {"text": data.decode("cp1252", errors="replace")}


EXTRACTORS = {
    "pdf": extract_pdf,
    "docx": extract_docx,
    "odt": extract_odt,
    "rtf": extract_rtf,
    "txt": extract_text,
    "csv": extract_text,
}


def out_of_memory(limits):
    return {
        "too_large": True,
        "note": too_large_note(f"needs more than {megabytes(limits['memory'])} of memory to read"),
    }


def ran_out_of_memory(error):
    """Whether an error was caused by running out of memory (libraries wrap MemoryError in their own errors)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, MemoryError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def read(data, extension, limits):
    """The result for one document: text, page count, a note for editors, and whether it went over a limit."""
    try:
        result = EXTRACTORS[extension](data, limits)
    except TooLarge as error:
        return {"too_large": True, "note": too_large_note(str(error))}
    except RecursionError:
        return {"too_large": True, "note": too_large_note("is nested too deeply to read")}
    except MemoryError:
        return out_of_memory(limits)
    except Unsafe as error:
        return {"note": f"This file {error}, so its text could not be read safely and is not searchable."}
    except Exception as error:  # any library error on a damaged file: keep the file, say why its text is missing
        if ran_out_of_memory(error):
            return out_of_memory(limits)
        print(f"extraction_worker: {type(error).__name__}: {error}"[:2000], file=sys.stderr)
        return {"note": "This file seems to be damaged, so its text could not be read."}
    text = " ".join(result.get("text", "").split())[: limits["max_chars"]]
    # Lone surrogates (from a damaged PDF's text) cannot be written out or stored: they become "?".
    result["text"] = text.encode("utf-8", "replace").decode("utf-8")
    return result


def peak_memory_kb(pid="self"):
    """A process's peak resident memory since it started its program (VmHWM, Linux), or 0; this one's by default.

    Not `ru_maxrss`: Linux carries the parent's peak into a child's across fork and exec."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def main():
    limits = json.loads(sys.argv[1])
    apply_limits(limits)
    try:
        data = sys.stdin.buffer.read(limits["max_input"] + 1)
        if len(data) > limits["max_input"]:
            result = {"too_large": True, "note": too_large_note(f"is bigger than {megabytes(limits['max_input'])}")}
        else:
            result = read(data, limits["extension"], limits)
        del data
        result["usage"] = {"peak_rss_kb": peak_memory_kb()}
        sys.stdout.write(json.dumps(result, ensure_ascii=False))
        sys.stdout.flush()
    except MemoryError:
        os._exit(EXIT_OUT_OF_MEMORY)


if __name__ == "__main__":
    main()

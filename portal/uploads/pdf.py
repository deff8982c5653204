"""An uploaded PDF must be an inert document: parsed with pypdf and refused when it could act.

Refused: JavaScript anywhere (/JS, /JavaScript in the names tree, JavaScript actions behind
/OpenAction or /AA, javascript: links), launch actions, embedded files (/EmbeddedFiles, file
specifications with /EF, /FileAttachment annotations, /GoToE, /RichMedia), XFA forms, encrypted
files, files pypdf cannot read, and polyglots: web page markup anywhere in the bytes, or data after
the last %%EOF other than whitespace. (Data before %PDF- is caught by check_upload: such a file
does not start like a PDF.)

Every indirect object of the cross-reference table is inspected, referenced or not, with its
direct contents; streams are not decoded except object streams, within a byte budget. The walk has
an object cap and a deadline, and pypdf's own decompression limits are lowered while it runs.
"""

import logging
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import BinaryIO, cast

import pypdf
from django.utils.translation import gettext_lazy as _
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from .errors import Refused

logger = logging.getLogger(__name__)
KiB, MiB = 1024, 1024 * 1024


@dataclass(frozen=True)
class PdfLimits:
    max_pages: int = 3000
    max_objects: int = 300_000  # indirect objects and the direct values inside them
    max_stream_bytes: int = 8 * MiB  # any one object or xref stream, decoded
    max_object_stream_bytes: int = 64 * MiB  # all object streams together, decoded
    max_seconds: float = 5.0
    tail_bytes: int = 64 * KiB  # the last %%EOF must be this close to the end


DEFAULT_LIMITS = PdfLimits()

# Only whitespace (and NUL padding some writers add) may follow the last %%EOF.
_AFTER_EOF = b" \t\r\n\x0c\x00"
_CHUNK, _OVERLAP = 4 * MiB, 64
# Tags that make a browser treat the bytes as a page; the following character keeps random
# bytes of compressed streams from matching by chance (about once in 10^5 scans of 20 MB).
_HTML = re.compile(rb"<(?:html|body|script|iframe|object|embed)[\s>/]|<!doctype\s+html")
# Names long enough never to occur by chance in compressed data: a backstop for objects that
# the cross-reference table does not list but a reader repairing the file would find.
_ACTIVE_NAMES = re.compile(rb"/(JavaScript|Launch|EmbeddedFiles?|FileAttachment)(?![A-Za-z0-9])")

JAVASCRIPT, LAUNCH, EMBEDDED, XFA = "pdf_javascript", "pdf_launch", "pdf_embedded", "pdf_xfa"
_REASONS = {
    JAVASCRIPT: _(
        "the PDF contains JavaScript (%(key)s), which a PDF reader could run when the file is "
        "opened or used; files with scripts are refused. Scan or print the document again to a "
        "plain PDF and upload that."
    ),
    LAUNCH: _(
        "the PDF contains a launch action (%(key)s) that starts programs or opens other files; "
        "such files are refused."
    ),
    EMBEDDED: _(
        "the PDF carries embedded files or attachments (%(key)s); upload the document itself "
        "without attachments."
    ),
    XFA: _(
        "the PDF is an XFA form (%(key)s), which can run code in the reader; print it to a "
        "plain PDF and upload that."
    ),
}
_RAW_CODES = {
    b"JavaScript": (JAVASCRIPT, "/JavaScript"),
    b"Launch": (LAUNCH, "/Launch"),
    b"EmbeddedFile": (EMBEDDED, "/EmbeddedFile"),
    b"EmbeddedFiles": (EMBEDDED, "/EmbeddedFiles"),
    b"FileAttachment": (EMBEDDED, "/FileAttachment"),
}


def check_pdf(fileobj: BinaryIO, limits: PdfLimits | None = None) -> int:
    """The number of pages of an inert PDF; Refused with the reason otherwise."""
    limits = limits or DEFAULT_LIMITS
    suspicious = _check_bytes(fileobj, limits)
    budget = pypdf.apply_configuration(
        zlib_maximum_output_length=limits.max_stream_bytes,
        lzw_maximum_output_length=limits.max_stream_bytes,
        run_length_maximum_output_length=limits.max_stream_bytes,
        brotli_maximum_output_length=limits.max_stream_bytes,
        array_based_stream_maximum_output_length=limits.max_stream_bytes,
        jbig2_maximum_output_length=limits.max_stream_bytes,
        jbig2dec_binary=None,
        page_tree_maximum_entries=limits.max_pages * 2,
    )
    try:
        with budget:
            fileobj.seek(0)
            reader = pypdf.PdfReader(fileobj, strict=False)
            _decrypt(reader)
            pages = len(reader.pages)
            if pages > limits.max_pages:
                raise Refused(
                    _("the PDF has %(pages)s pages; at most %(limit)s are accepted.")
                    % {"pages": pages, "limit": limits.max_pages},
                    code="pdf_pages",
                )
            _walk(reader, limits)
            if suspicious:
                raise suspicious
    except Refused:
        raise
    except LimitReachedError as exc:
        logger.info("PDF refused at a pypdf limit: %s", exc)
        raise _too_complex() from exc
    except Exception as exc:  # pypdf raises many kinds on hostile input: all mean "unreadable"
        logger.info("PDF refused as unreadable: %r", exc)
        raise Refused(
            _(
                "the file starts like a PDF but cannot be read as one; it may be damaged or "
                "incomplete. Save or scan it again and upload the new file."
            ),
            code="pdf_unreadable",
        ) from exc
    finally:
        fileobj.seek(0)
    return pages


def _check_bytes(fileobj: BinaryIO, limits: PdfLimits) -> Refused | None:
    """Polyglots and truncation, from the bytes: markup anywhere, nothing after the end.

    Returns (not raises) an active name seen in the bytes: parsing names it more precisely.
    """
    size = fileobj.seek(0, 2)
    fileobj.seek(max(0, size - limits.tail_bytes))
    tail = fileobj.read()
    end = tail.rfind(b"%%EOF")
    if end < 0:
        raise Refused(
            _(
                "the PDF is incomplete (its end-of-file marker is missing); the upload may have "
                "been cut off. Upload the complete file."
            ),
            code="pdf_truncated",
        )
    if tail[end + 5 :].strip(_AFTER_EOF):
        raise Refused(
            _(
                "the file has other data after the end of the PDF; a file that is a PDF and "
                "something else at once is refused."
            ),
            code="pdf_trailing_data",
        )
    fileobj.seek(0)
    carry, suspicious = b"", None
    while chunk := fileobj.read(_CHUNK):
        window = carry + chunk
        if tag := _HTML.search(window.lower()):
            raise Refused(
                _(
                    "the PDF also contains web page markup (%(tag)s), so a browser could run it "
                    "as a page; such files are refused."
                )
                % {"tag": tag.group().decode("ascii").strip(" \t\r\n\f\v/>")},
                code="pdf_html",
            )
        if not suspicious and (name := _ACTIVE_NAMES.search(window)):
            code, key = _RAW_CODES[name.group(1)]
            suspicious = Refused(_REASONS[code] % {"key": key}, code=code)
        carry = window[-_OVERLAP:]
    return suspicious


def _decrypt(reader: pypdf.PdfReader) -> None:
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("")
    except Exception:  # AES without the optional crypto library, or a broken /Encrypt
        opened = pypdf.PasswordType.NOT_DECRYPTED
    if opened == pypdf.PasswordType.NOT_DECRYPTED:
        raise Refused(
            _("the PDF is password-protected (encrypted); upload it without protection."),
            code="pdf_encrypted",
        )


def _too_complex() -> Refused:
    return Refused(
        _(
            "the PDF is too large or too complex to be checked safely (too many objects or too "
            "much compressed data); print it again to a new PDF and upload that."
        ),
        code="pdf_complex",
    )


def _walk(reader: pypdf.PdfReader, limits: PdfLimits) -> None:
    """Every object the cross-reference table lists, and the trailer."""
    deadline = time.monotonic() + limits.max_seconds
    _check_open_actions(reader, limits)
    seen = _inspect(reader.trailer, 0, limits)
    refs = [
        IndirectObject(num, generation, reader)
        for generation, numbers in reader.xref.items()
        for num in numbers
    ]
    in_streams = defaultdict(list)
    for num, (stream_num, _index) in reader.xref_objStm.items():
        in_streams[stream_num].append(IndirectObject(num, 0, reader))
    if len(refs) + len(reader.xref_objStm) > limits.max_objects:
        raise _too_complex()
    decoded = 0
    for stream_num, members in in_streams.items():
        stream = reader.get_object(stream_num)
        if isinstance(stream, StreamObject):
            decoded += len(stream.get_data())  # decoded once; pypdf keeps it for the members
        if decoded > limits.max_object_stream_bytes:
            raise _too_complex()
        refs.extend(members)
    for ref in refs:
        if time.monotonic() > deadline:
            raise _too_complex()
        seen = _inspect(ref.get_object(), seen, limits)


def _check_open_actions(reader: pypdf.PdfReader, limits: PdfLimits) -> None:
    """What runs on opening the document, named as such in the reason."""
    catalog = cast(DictionaryObject, reader.trailer["/Root"])  # the trailer resolves it
    for key in ("/OpenAction", "/AA"):
        action = catalog.get(key)
        if isinstance(action, IndirectObject):
            action = action.get_object()
        try:
            _inspect(action, 0, limits)
        except Refused as refused:
            code, found = refused.code, refused.key
            raise Refused(_REASONS[code] % {"key": f"{key} → {found}"}, code=code) from refused


def _inspect(obj, seen: int, limits: PdfLimits) -> int:
    """Check one object and the dictionaries and arrays written inside it (not references)."""
    stack = [obj]
    while stack:
        node = stack.pop()
        seen += 1
        if seen > limits.max_objects:
            raise _too_complex()
        if isinstance(node, DictionaryObject):  # stream dictionaries included
            _check_dictionary(node)
            stack.extend(v for v in dict.values(node) if isinstance(v, DictionaryObject | list))
        elif isinstance(node, ArrayObject | list):
            stack.extend(v for v in list.__iter__(node) if isinstance(v, DictionaryObject | list))
    return seen


def _name(node: DictionaryObject, key: str) -> str:
    value = node.get(key)
    if isinstance(value, IndirectObject):
        value = value.get_object()
    return str(value) if value is not None else ""


def _check_dictionary(node: DictionaryObject) -> None:
    found = _finding(node)
    if found:
        code, key = found
        raise Refused(_REASONS[code] % {"key": key}, code=code, key=key)


def _finding(node: DictionaryObject) -> tuple[str, str] | None:
    keys = set(node.keys())
    action = _name(node, "/S")
    if "/JS" in keys or action == "/JavaScript":
        return JAVASCRIPT, "/JS"
    if "/JavaScript" in keys:
        return JAVASCRIPT, "/JavaScript"
    if action == "/URI" and _name(node, "/URI").strip().lower().startswith("javascript:"):
        return JAVASCRIPT, "javascript: URI"
    if action == "/Launch":
        return LAUNCH, "/Launch"
    if "/XFA" in keys:
        return XFA, "/XFA"
    for key in ("/EmbeddedFiles", "/EF"):
        if key in keys:
            return EMBEDDED, key
    if action == "/GoToE":
        return EMBEDDED, "/GoToE"
    subtype = _name(node, "/Subtype")
    if subtype in ("/FileAttachment", "/RichMedia"):
        return EMBEDDED, subtype
    if _name(node, "/Type") == "/EmbeddedFile":
        return EMBEDDED, "/EmbeddedFile"
    return None

"""Word and Excel uploads are zips: checked like the spreadsheet imports before anything opens them.

The central directory is read first (entry count, names, declared sizes, ratios), then every entry
is inflated in bounded steps to prove its real size is the declared one; a PDF inside goes
through the same PDF check, and an archive inside is refused unless it is an Office object that
Word or Excel embedded (a chart's data), which is checked the same way and may hold no archive.
"""

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from django.utils.translation import gettext_lazy as _

from .errors import Refused
from .kinds import PDF_MAGIC, ZIP_MAGIC, ooxml_kind
from .pdf import check_pdf

MiB = 1024 * 1024
_STEP = MiB
# signature, (version), flags, method, (time, date, CRC), sizes, name and extra lengths
_LOCAL = struct.Struct("<4s2xHH8xIIHH")


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 5000
    max_uncompressed_bytes: int = 200 * MiB  # all entries together, inflated (nested included)
    max_ratio: int = 100  # inflated / compressed, per entry...
    ratio_floor_bytes: int = MiB  # ...counted only for entries inflating past this


DEFAULT_LIMITS = ZipLimits()
# Where Office keeps embedded objects; a package there is the data behind a chart or an object.
_EMBEDDINGS = ("word/embeddings/", "xl/embeddings/", "ppt/embeddings/")
_MACROS = "vbaproject.bin"


def archive_names(fileobj: BinaryIO) -> set[str] | None:
    """The entry names of a readable zip, None when it is not one."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            return {info.filename for info in archive.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        return None
    finally:
        fileobj.seek(0)


def check_archive(fileobj: BinaryIO, limits: ZipLimits = DEFAULT_LIMITS) -> None:
    """Refused unless the zip is within `limits`, with safe names and no active content."""
    try:
        _check(fileobj, limits, depth=0, budget=[limits.max_uncompressed_bytes])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise Refused(
            _("the file cannot be read as a Word or Excel document; it may be damaged."),
            code="zip_unreadable",
        ) from exc
    finally:
        fileobj.seek(0)


def _check(fileobj: BinaryIO, limits: ZipLimits, *, depth: int, budget: list[int]) -> None:
    with zipfile.ZipFile(fileobj) as archive:
        members = archive.infolist()
        _check_directory(members, limits, budget)
        for info in members:
            if not info.is_dir():
                _check_member(archive, info, limits, depth=depth, budget=budget)


def _check_directory(members: list[zipfile.ZipInfo], limits: ZipLimits, budget: list[int]):
    if len(members) > limits.max_members:
        raise Refused(
            _("the file holds %(count)s entries; at most %(limit)s are accepted.")
            % {"count": len(members), "limit": limits.max_members},
            code="zip_members",
        )
    if sum(info.file_size for info in members) > budget[0]:
        raise _bomb()
    for info in members:
        _check_name(info.filename)
        past_floor = info.file_size > limits.ratio_floor_bytes
        if past_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise _bomb()
        if PurePosixPath(info.filename).name.lower() == _MACROS:
            raise Refused(
                _(
                    "the document contains macros (%(name)s); save it as a plain .docx or .xlsx "
                    "without macros and upload that."
                )
                % {"name": info.filename},
                code="zip_macros",
            )


def _check_name(name: str) -> None:
    path = PurePosixPath(name.replace("\\", "/"))
    drive = len(name) > 1 and name[1] == ":"
    if name.startswith(("/", "\\")) or drive or ".." in path.parts or "\x00" in name:
        raise Refused(
            _("the file holds an entry with an unsafe name (%(name)s); it was refused.")
            % {"name": name[:100]},
            code="zip_unsafe_name",
        )


def _check_member(archive, info, limits: ZipLimits, *, depth: int, budget: list[int]) -> None:
    """Inflate the entry from its own bytes: its real size must be the declared one."""
    data = io.BytesIO()
    real = 0
    for step in _inflated(archive.fp, info):
        real += len(step)
        if real > info.file_size or real > budget[0]:
            raise _sizes(info.filename)
        if data.tell() or (real == len(step) and step.startswith((PDF_MAGIC, ZIP_MAGIC))):
            data.write(step)
    if real != info.file_size:
        raise _sizes(info.filename)
    budget[0] -= real
    head = data.getvalue()[:8]
    if head.startswith(PDF_MAGIC):
        try:
            check_pdf(data)
        except Refused as refused:
            reason = _("%(name)s inside the file: %(reason)s") % {
                "name": info.filename[:100],
                "reason": refused.reason,
            }
            raise Refused(reason, code=refused.code) from refused
    elif head.startswith(ZIP_MAGIC):
        _check_nested(info.filename, data, limits, depth=depth, budget=budget)


def _inflated(fileobj: BinaryIO, info: zipfile.ZipInfo):
    """The entry's bytes in steps, read from its local header on (not trusting the CRC)."""
    fileobj.seek(info.header_offset)
    local = fileobj.read(_LOCAL.size)
    if len(local) < _LOCAL.size:
        raise zipfile.BadZipFile(info.filename)
    magic, flags, method, compressed, size, name_len, extra_len = _LOCAL.unpack(local)
    declared = (info.compress_size, info.file_size)
    if magic != ZIP_MAGIC or flags & 0x1 or method != info.compress_type:
        raise zipfile.BadZipFile(info.filename)
    if not flags & 0x8 and 0xFFFFFFFF not in (compressed, size) and (compressed, size) != declared:
        raise _sizes(info.filename)
    fileobj.seek(info.header_offset + _LOCAL.size + name_len + extra_len)
    if method == zipfile.ZIP_STORED:
        yield from _raw(fileobj, info.compress_size)
    elif method == zipfile.ZIP_DEFLATED:
        yield from _deflated(fileobj, info)
    else:
        raise zipfile.BadZipFile(info.filename)


def _raw(fileobj: BinaryIO, length: int):
    while length > 0:
        step = fileobj.read(min(length, _STEP))
        if not step:
            raise zipfile.BadZipFile("truncated entry")
        length -= len(step)
        yield step


def _deflated(fileobj: BinaryIO, info: zipfile.ZipInfo):
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    for compressed in _raw(fileobj, info.compress_size):
        pending = compressed
        while pending and not inflater.eof:
            yield inflater.decompress(pending, _STEP)
            pending = inflater.unconsumed_tail
        if inflater.eof and (pending or inflater.unused_data):
            raise _sizes(info.filename)  # compressed data continues past the entry's end
    if not inflater.eof:
        raise _sizes(info.filename)


def _check_nested(name: str, data: BinaryIO, limits, *, depth: int, budget: list[int]) -> None:
    names = archive_names(data)
    embedded = name.lower().startswith(_EMBEDDINGS) and names and ooxml_kind(names)
    if depth > 0 or not embedded:
        raise Refused(
            _("the file holds another archive (%(name)s); archives inside documents are refused.")
            % {"name": name[:100]},
            code="zip_nested",
        )
    _check(data, limits, depth=depth + 1, budget=budget)


def _sizes(name: str) -> Refused:
    return Refused(
        _(
            "an entry's real size differs from the size the file declares (%(name)s); the file "
            "is damaged or crafted and was refused."
        )
        % {"name": name[:100]},
        code="zip_sizes",
    )


def _bomb() -> Refused:
    return Refused(
        _("the file unpacks to far more than its size allows and was refused."),
        code="zip_bomb",
    )

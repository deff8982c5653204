"""The summary report package: one streamed zip of many files, with a manifest of checksums.

Files are copied into the zip in chunks, never read whole, so a national package of thousands
of reports needs a few megabytes of memory. PDFs, Office files, images and archives are already
compressed and are stored as they are; other files are deflated unless their first chunk shows
they do not compress. Chinese file names are stored as UTF-8 (flag bit 11), which Windows
Explorer, 7-Zip, macOS and `unzip` all read.
"""

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from os import PathLike
from pathlib import Path, PurePosixPath
from typing import IO
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
DateTime = tuple[int, int, int, int, int, int]
CHUNK = 1024 * 1024
STORED_SUFFIXES = frozenset(
    ("pdf", "docx", "xlsx", "pptx", "zip", "png", "jpg", "jpeg", "gif", "webp", "gz", "7z", "rar")
)
_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"7z\xbc\xaf")
_UNSAFE = re.compile(r'[\x00-\x1f<>:"|?*\\]')  # not allowed in Windows file names
MANIFEST_NAME = "manifest.csv"
# An open binary file; io.RawIOBase too (a reader that opens its file lazily), which typeshed
# does not count as an IO[bytes].
BinaryFile = IO[bytes] | io.RawIOBase


@dataclass(frozen=True)
class PackageEntry:
    """One file to pack: from a path, or from an open binary file (`size` when known)."""

    arcname: str
    source: str | PathLike[str] | BinaryFile
    size: int | None = None


@dataclass(frozen=True)
class ManifestEntry:
    name: str
    size: int
    sha256: str
    stored: bool


@dataclass(frozen=True)
class Manifest:
    entries: tuple[ManifestEntry, ...]

    @property
    def total_size(self) -> int:
        return sum(entry.size for entry in self.entries)

    def csv_bytes(self) -> bytes:
        """The manifest as CSV (UTF-8 with a BOM so that Excel shows the Chinese names)."""
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(("文件", "大小（字节）", "SHA-256"))
        writer.writerows((e.name, e.size, e.sha256) for e in self.entries)
        return text.getvalue().encode("utf-8-sig")


def safe_arcname(name: str) -> str:
    """A relative path inside the zip that unpacks safely everywhere (no .., no drive, no \\)."""
    parts = PurePosixPath(str(name).replace("\\", "/")).parts
    cleaned = [_UNSAFE.sub("_", part).strip(" .") for part in parts if part not in ("/", ".", "..")]
    cleaned = [part for part in cleaned if part]
    return "/".join(cleaned) or "file"


def _unique(name: str, taken: set[str]) -> str:
    """Two reports of enterprises with the same name must not overwrite one another."""
    if name not in taken:
        return name
    path = PurePosixPath(name)
    number = 2
    while (candidate := str(path.with_name(f"{path.stem} ({number}){path.suffix}"))) in taken:
        number += 1
    return candidate


def _incompressible(name: str, head: bytes | memoryview) -> bool:
    if PurePosixPath(name).suffix.lower().lstrip(".") in STORED_SUFFIXES:
        return True
    if bytes(head[:8]).startswith(_MAGIC):
        return True
    # Random-looking data (a mislabelled archive, an encrypted file) is not worth deflating.
    sample = head[:65536]
    return len(sample) > 4096 and len(zlib.compress(sample, 1)) > 0.95 * len(sample)


def _open_source(entry: PackageEntry) -> tuple[BinaryFile, int | None, bool]:
    """The readable, its size when known, and whether we opened it (and must close it)."""
    if isinstance(entry.source, str | PathLike):
        path = Path(entry.source)
        return path.open("rb", buffering=0), path.stat().st_size, True
    return entry.source, entry.size, False


class _Copier:
    """Copies files into the zip through two reused buffers, hashing on a second thread.

    hashlib and zlib release the GIL on large buffers, so SHA-256 of one chunk runs while the
    zip module computes its CRC and writes the same chunk, and the next chunk is read.
    """

    def __init__(self, zf: zipfile.ZipFile, pool: ThreadPoolExecutor, when: DateTime):
        self.zf, self.pool, self.when = zf, pool, when
        self.buffers = (bytearray(CHUNK), bytearray(CHUNK))
        self.views = tuple(memoryview(buffer) for buffer in self.buffers)

    def _read(self, source: BinaryFile, index: int) -> bytes | memoryview:
        if not hasattr(source, "readinto"):
            return source.read(CHUNK)
        length = source.readinto(self.buffers[index])
        return self.views[index][:length] if length else b""

    def copy(self, name: str, source: BinaryFile, size: int | None) -> ManifestEntry:
        digest = hashlib.sha256()
        chunk, index, total = self._read(source, 0), 0, 0
        stored = _incompressible(name, chunk)
        info = zipfile.ZipInfo(name, date_time=self.when)
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        force_zip64 = size is None or size >= zipfile.ZIP64_LIMIT
        with self.zf.open(info, "w", force_zip64=force_zip64) as target:
            while chunk:
                hashing = self.pool.submit(digest.update, chunk)
                target.write(chunk)
                total += len(chunk)
                index ^= 1
                following = self._read(source, index)  # into the other buffer
                hashing.result()
                chunk = following
        return ManifestEntry(name=name, size=total, sha256=digest.hexdigest(), stored=stored)


def _now() -> DateTime:
    """Zip entries carry local time without a zone: the programme's time, Asia/Shanghai."""
    now = dt.datetime.now(SHANGHAI)
    return (now.year, now.month, now.day, now.hour, now.minute, now.second)


def build_package(
    entries: Iterable[PackageEntry],
    out_fileobj: IO[bytes],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Manifest:
    """Stream `entries` into a zip written to `out_fileobj`, with manifest.csv as the last file.

    Names are made safe and unique; the manifest lists each file's size and SHA-256, computed
    while it is copied. `progress(done, total)` is called after each file.
    """
    entries = list(entries)
    when = _now()
    written: list[ManifestEntry] = []
    taken = {MANIFEST_NAME}
    with (
        zipfile.ZipFile(out_fileobj, "w", allowZip64=True) as zf,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256") as pool,
    ):
        copier = _Copier(zf, pool, when)
        for done, entry in enumerate(entries, 1):
            name = _unique(safe_arcname(entry.arcname), taken)
            taken.add(name)
            source, size, opened = _open_source(entry)
            try:
                written.append(copier.copy(name, source, size))
            finally:
                if opened:
                    source.close()
            if progress:
                progress(done, len(entries))
        manifest = Manifest(tuple(written))
        info = zipfile.ZipInfo(MANIFEST_NAME, date_time=when)
        zf.writestr(info, manifest.csv_bytes(), compress_type=zipfile.ZIP_DEFLATED)
    return manifest

"""The streamed summary package (reports/documents/render/package.py), read back with zipfile."""

import csv
import hashlib
import io
import os
import zipfile

from reports.documents.render import package
from reports.documents.render.package import PackageEntry, build_package, safe_arcname


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def build(entries, **kwargs):
    out = io.BytesIO()
    manifest = build_package(entries, out, **kwargs)
    out.seek(0)
    return manifest, zipfile.ZipFile(out)


def test_office_pdf_and_images_are_stored_text_is_deflated(tmp_path):
    """Already-compressed types are stored as they are; text is deflated."""
    entries = [
        PackageEntry("报告/甲公司.pdf", write(tmp_path / "a.pdf", b"%PDF-1.7\n" + b"x" * 5000)),
        PackageEntry("附件3.xlsx", write(tmp_path / "b.xlsx", b"PK\x03\x04" + b"y" * 5000)),
        PackageEntry("工作总结.docx", write(tmp_path / "c.docx", b"PK\x03\x04" + b"z" * 5000)),
        PackageEntry("说明.txt", write(tmp_path / "d.txt", "节能诊断".encode() * 2000)),
    ]
    _, zf = build(entries)
    kinds = {info.filename: info.compress_type for info in zf.infolist()}
    assert kinds["报告/甲公司.pdf"] == zipfile.ZIP_STORED
    assert kinds["附件3.xlsx"] == zipfile.ZIP_STORED
    assert kinds["工作总结.docx"] == zipfile.ZIP_STORED
    assert kinds["说明.txt"] == zipfile.ZIP_DEFLATED


def test_random_data_under_an_unknown_name_is_stored(tmp_path):
    """A file that does not compress (judged by its first chunk) is not deflated."""
    _, zf = build([PackageEntry("data.bin", write(tmp_path / "r", os.urandom(200_000)))])
    assert zf.getinfo("data.bin").compress_type == zipfile.ZIP_STORED


def test_chinese_names_are_utf8_flagged(tmp_path):
    """Chinese file names carry the UTF-8 flag (bit 11) and read back unchanged."""
    _, zf = build(
        [PackageEntry("诊断报告/济南华兴恒达化工有限公司.pdf", write(tmp_path / "a", b"%PDF"))]
    )
    info = zf.getinfo("诊断报告/济南华兴恒达化工有限公司.pdf")
    assert info.flag_bits & 0x800


def test_manifest_lists_every_file_with_size_and_sha256(tmp_path):
    """manifest.csv inside the zip matches the files' real sizes and checksums."""
    contents = {"a.pdf": b"%PDF" + os.urandom(3000), "说明.txt": "注".encode() * 999}
    entries = [
        PackageEntry(name, write(tmp_path / f"f{n}", data))
        for n, (name, data) in enumerate(contents.items())
    ]
    manifest, zf = build(entries)
    rows = list(csv.reader(io.StringIO(zf.read("manifest.csv").decode("utf-8-sig"))))
    assert rows[0] == ["文件", "大小（字节）", "SHA-256"]
    for name, size, digest in rows[1:]:
        data = zf.read(name)
        assert int(size) == len(data) == len(contents[name])
        assert (
            digest == hashlib.sha256(data).hexdigest() == hashlib.sha256(contents[name]).hexdigest()
        )
    assert [e.name for e in manifest.entries] == ["a.pdf", "说明.txt"]
    assert manifest.total_size == sum(len(d) for d in contents.values())


def test_sources_may_be_open_files(tmp_path):
    """An entry can come from a readable (e.g. a storage file) instead of a path."""
    data = os.urandom(10_000)
    manifest, zf = build([PackageEntry("附件4.pdf", io.BytesIO(data), size=len(data))])
    assert zf.read("附件4.pdf") == data
    assert manifest.entries[0].sha256 == hashlib.sha256(data).hexdigest()


class ChunkRecorder(io.RawIOBase):
    """A readable that remembers the largest read asked of it."""

    def __init__(self, data: bytes):
        self.stream = io.BytesIO(data)
        self.largest = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        self.largest = max(self.largest, len(buffer))
        return self.stream.readinto(buffer)


def test_large_file_is_copied_in_chunks(tmp_path):
    """A file larger than the chunk size is never read whole, and arrives intact."""
    data = os.urandom(3 * package.CHUNK + 123)
    source = ChunkRecorder(data)
    _, zf = build([PackageEntry("大文件.pdf", source)])
    assert zf.read("大文件.pdf") == data
    assert source.largest <= package.CHUNK


def test_same_name_twice_gets_a_number(tmp_path):
    """Two reports named alike do not overwrite each other."""
    first, second = write(tmp_path / "a", b"%PDF 1"), write(tmp_path / "b", b"%PDF 2")
    manifest, zf = build(
        [PackageEntry("报告/同名公司.pdf", first), PackageEntry("报告/同名公司.pdf", second)]
    )
    assert [e.name for e in manifest.entries] == ["报告/同名公司.pdf", "报告/同名公司 (2).pdf"]
    assert zf.read("报告/同名公司 (2).pdf") == b"%PDF 2"


def test_names_cannot_escape_the_archive():
    """Absolute paths, .. and Windows-forbidden characters are cleaned from names."""
    assert safe_arcname("../../etc/passwd") == "etc/passwd"
    assert safe_arcname("/abs/报告.pdf") == "abs/报告.pdf"
    assert safe_arcname("报告\\子目录\\a:b*c?.pdf") == "报告/子目录/a_b_c_.pdf"
    assert safe_arcname("..") == "file"


def test_progress_is_called_after_each_file(tmp_path):
    """progress(done, total) follows the files."""
    entries = [PackageEntry(f"{n}.pdf", write(tmp_path / str(n), b"%PDF")) for n in range(3)]
    calls = []
    build(entries, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


class NoSeek(io.RawIOBase):
    """An output that cannot seek, like a pipe or an upload stream."""

    def __init__(self):
        self.sink = io.BytesIO()

    def writable(self):
        return True

    def write(self, data):
        return self.sink.write(data)


def test_package_can_be_written_to_an_unseekable_stream(tmp_path):
    """Writing to a stream that cannot seek still produces a valid zip."""
    out = NoSeek()
    build_package([PackageEntry("甲.pdf", write(tmp_path / "a", b"%PDF-1.7 abc"))], out)
    zf = zipfile.ZipFile(io.BytesIO(out.sink.getvalue()))
    assert zf.read("甲.pdf") == b"%PDF-1.7 abc"
    assert zf.testzip() is None

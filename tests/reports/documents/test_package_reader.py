"""StorageReader: how the package reads stored report files (one open file at a time)."""

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from reports.documents.builders.package import StorageReader


def test_storage_reader_opens_at_first_read_and_closes_at_the_end(tmp_path):
    """Opened lazily at the first read, closed as soon as it is read to the end."""
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("a.bin", ContentFile(b"x" * 10))
    reader = StorageReader(storage, name)
    assert reader.handle is None
    buffer = bytearray(8)
    assert reader.readinto(buffer) == 8 and reader.handle is not None
    assert reader.readinto(buffer) == 2 and bytes(buffer[:2]) == b"xx"
    assert reader.readinto(buffer) == 0 and reader.handle is None and reader.closed

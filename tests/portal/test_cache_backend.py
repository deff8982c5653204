"""portal.cache.RedisCache: one shared client per pool, and the cache still behaves as Django's."""

import os
import threading
import uuid

import pytest

from portal.cache import RedisCache

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")


@pytest.fixture
def cache():
    backend = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": f"cache-test-{uuid.uuid4().hex}"})
    yield backend
    backend.clear()


def test_every_call_shares_one_client_per_pool(cache):
    client = cache._cache
    assert client.get_client(write=True) is client.get_client(write=False)
    cache.set("a", 1)
    cache.get("a")
    assert len(client._shared) == 1


def test_values_round_trip_as_with_djangos_backend(cache):
    cache.set("n", 1)
    cache.set_many({"x": [1, "二"], "y": {"z": 3}})
    assert cache.incr("n", 5) == 6
    assert cache.get_many(["x", "y", "missing"]) == {"x": [1, "二"], "y": {"z": 3}}
    assert cache.add("n", 0) is False
    cache.delete("x")
    assert cache.get("x", "gone") == "gone"


def test_threads_share_the_client_without_mixing_answers(cache):
    wrong: list[tuple[int, object]] = []

    def work(n: int) -> None:
        for i in range(50):
            cache.set(f"t{n}", (n, i))
            got = cache.get(f"t{n}")
            if got != (n, i):
                wrong.append((n, got))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []
    assert cache.get_many([f"t{n}" for n in range(8)]) == {f"t{n}": (n, 49) for n in range(8)}


def test_a_forked_process_uses_its_own_connections(cache):
    """gunicorn and Celery fork after the client may exist: the child must not reuse the
    parent's sockets (the pool notices the new pid and opens its own)."""
    cache.set("before", "parent")
    pid = os.fork()
    if pid == 0:  # the child: exit status 0 only if the cache answers correctly
        ok = False
        try:
            ok = cache.get("before") == "parent"
            cache.set("after", "child")
        finally:
            os._exit(0 if ok else 1)
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert cache.get("after") == "child" and cache.get("before") == "parent"

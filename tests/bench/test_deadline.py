"""The deadline-day scenario's pure parts (bench/deadline.py), without servers or a database."""

import random

from bench.deadline import (
    MIX,
    Context,
    Request,
    Sample,
    answered_ok,
    check_jobs,
    idle_plan,
    next_request,
    passed,
    phases,
    population,
    render,
    summarize,
)


def test_mix_builders_and_checks():
    kinds = population(60)
    assert len(kinds) == 60 and set(kinds) == set(MIX)
    assert set(population(3)) == set(MIX)  # every kind at least once

    ctx, rng = Context(year=2021), random.Random(1)
    made = [next_request(kind, rng, ctx) for kind in kinds for _ in range(30)]
    posts = [r for r in made if r.method == "POST"]
    assert {r.job for r in posts} == {"form3", "export"}
    assert all(r.body and r.path.startswith("/reports/") for r in posts)
    assert any(r.path.startswith("/enterprises/public/?year=2021&q=") for r in made)
    users = [(kind, f"cookie-{n}" if kind != "anonymous" else "") for n, kind in enumerate(kinds)]
    idle = idle_plan(ctx, users)
    assert {r.label for r in made if r.method == "GET"} == set(idle)
    assert all(r.method == "GET" for pairs in idle.values() for r, _cookie in pairs)
    # Every user of a kind is in its idle median, with its own cookie; searches vary.
    organizers = {c for k, c in users if k == "organizer"}
    assert {c for _r, c in idle["organizer: task list"]} == organizers
    assert len({r.path for r, _c in idle["anonymous: public list search"]}) > 1
    assert all(c == "" for _r, c in idle["anonymous: public list search"])

    get, post = Request("a", "GET", "/x/"), Request("b", "POST", "/reports/exports/", {}, "export")
    assert answered_ok(get, 200, "", b"") == (True, None)
    assert answered_ok(get, 500, "", b"") == (False, None)
    assert answered_ok(post, 302, "/documents/42/", b"") == (True, 42)
    assert answered_ok(post, 200, "", b'<a href="/documents/7/download/">') == (True, 7)
    assert answered_ok(post, 403, "/documents/1/", b"") == (False, None)

    samples = [Sample("a", t / 100, True) for t in range(1, 101)] + [Sample("b", 0.5, False)]
    rows = {r["label"]: r for r in summarize(samples, {"a": 0.4})}
    assert rows["a"]["count"] == 100 and rows["a"]["errors"] == 0
    assert rows["a"]["p50"] == 0.51 and rows["a"]["p95"] == 0.95
    assert abs(rows["a"]["ratio"] - 0.95 / 0.4) < 1e-9
    assert rows["b"]["errors"] == 1 and rows["b"]["ratio"] is None

    table = {
        1: {"state": "done", "attempts": 1, "kind": "export", "seconds": 2.0},
        2: {"state": "done", "attempts": 2, "kind": "form3", "seconds": 5.0},
        3: {"state": "running", "attempts": 1, "kind": "form3", "seconds": 0.0},
    }
    checked = check_jobs([1, 1, 2, 3, 4], table)
    assert checked["requests"] == 5 and checked["jobs"] == 4
    assert checked["lost"] == [4] and checked["unfinished"] == [3]
    assert checked["duplicated"] == [2]
    assert checked["per_kind"] == {"export": [2.0], "form3": [5.0]}
    assert not passed([rows["a"]], checked)
    clean = check_jobs([1], table)
    assert passed([rows["a"]], clean)
    assert not passed([rows["a"] | {"ratio": 3.5}], clean)
    assert not passed([rows["a"]], check_jobs([3], table))  # unfinished
    text = render([rows["a"]], clean, {"max": 9, "median": 7, "limit": 100}, "setup")
    assert "| a | 100 | 0 | 510 | 950 | 400 | 2.4× |" in text
    assert "| export | 1 | 2.0 | 2.0 |" in text and "max 9, median 7 of max_connections 100" in text


def test_reads_are_split_at_the_end_of_the_last_write():
    """A read sent before the last write request ended counts as "while writing"."""
    samples = [
        Sample("write", 2.0, True, at=10.0, writing=True),  # the writes end at 12.0
        *[Sample("page", 1.0, True, at=float(t)) for t in range(0, 12)],  # during: 12, slow
        *[Sample("page", 0.1, True, at=12.5 + t) for t in range(20)],  # after: 20, fast
    ]
    [row] = phases(samples, {"page": 0.05})
    assert row["during"] == (12, 1.0) and row["after"] == (20, 0.1)
    text = render([], check_jobs([], {}), {"max": 1, "median": 1, "limit": 100}, "s", None, [row])
    assert "| page | 12 | 1000 | 20.0× | 20 | 100 | 2.0× |" in text
    assert phases([Sample("page", 1.0, True)], {"page": 0.05}) == []  # no writes, no split


def test_the_writing_scripts_send_the_days_steps_in_order():
    """Import → letter list → each letter generated and signed → 附件3 submitted; an agency's
    report goes to its enterprise for confirmation only when the submit succeeded."""
    import queue

    from bench.deadline import confirm_script, import_script, report_script
    from bench.deadline_writes import ImportScript, ReportScript

    sent: list[tuple[Request, str]] = []

    def send(request, cookie, ok=True):
        sent.append((request, cookie))
        page = b'<a href="/enterprises/letters/12/">a</a> <a href="/enterprises/letters/7/">b</a>'
        return Sample(request.label, 0.1, ok), page if request.method == "GET" else b""

    import_script(ImportScript(1, "org", b"xlsx", 99, 2000), 2096, send)
    steps = [(r.method, r.path) for r, _ in sent]
    assert steps == [
        ("POST", "/enterprises/tasks/import/"),
        ("GET", "/enterprises/letters/?year=2096"),
        ("POST", "/enterprises/letters/12/generate/docx/"),
        ("POST", "/enterprises/letters/12/sign/"),
        ("POST", "/enterprises/letters/7/generate/docx/"),
        ("POST", "/enterprises/letters/7/sign/"),
        ("POST", "/provinces/forms/99/submit/"),
    ]
    first = sent[0][0]
    assert first.files == {"file": ("附件3.xlsx", b"xlsx")} and first.expect == (200,)
    assert first.label == "organizer: import 附件3 (2000 rows)"
    scan = sent[3][0].files or {}
    assert sent[2][0].job == "task_letter_docx" and scan["scan"][1][:4] == b"%PDF"
    assert {cookie for _, cookie in sent} == {"org"}

    sent.clear()
    confirms: queue.SimpleQueue = queue.SimpleQueue()
    item = ReportScript(5, "agency", "enterprise")
    report_script(item, 2096, send, confirms)
    assert [r.path for r, _ in sent] == [
        "/enterprises/tasks/?year=2096",
        "/reports/tasks/5/file/",
        "/reports/tasks/5/submit/",
    ]
    assert confirms.get_nowait() is item
    report_script(item, 2096, lambda r, c: send(r, c, ok=False), confirms)
    assert confirms.empty()  # a refused submit is not confirmed

    sent.clear()
    confirm_script(item, send)
    ((request, cookie),) = sent
    assert (request.path, cookie) == ("/reports/tasks/5/feedback/", "enterprise")
    assert request.body == {"confirmed": "on", "rating": "5", "comments": "诊断细致，措施可行"}


def test_writes_are_checked_against_the_plan():
    from bench.deadline import _multipart
    from bench.deadline_writes import writes_done

    done = {"imports planned": 2, "imports complete": 2, "letters signed": 2,
            "附件3 submitted": 2, "reports planned": 3, "reports submitted": 3,
            "enterprises confirmed": 3}  # fmt: skip
    assert writes_done(done)
    for key in ("imports complete", "附件3 submitted", "reports submitted",
                "enterprises confirmed", "letters signed"):  # fmt: skip
        assert not writes_done(done | {key: 1})
    upload = Request("x", "POST", "/u/", {"year": 2096}, files={"f": ("a.pdf", b"%PDF")})
    assert answered_ok(upload, 302, "/reports/tasks/1/", b"") == (True, None)
    assert answered_ok(upload, 400, "", b"") == (False, None)
    assert answered_ok(Request("i", "POST", "/i/", expect=(200,)), 422, "", b"") == (False, None)
    body, kind = _multipart({"year": 2096}, {"f": ("a.pdf", b"%PDF")})
    boundary = kind.split("boundary=")[1]
    assert kind.startswith("multipart/form-data; boundary=")
    assert b'name="year"\r\n\r\n2096\r\n' in body and b'filename="a.pdf"' in body
    assert body.endswith(f"--{boundary}--\r\n".encode())
    text = render([], check_jobs([], {}), {"max": 1, "median": 1, "limit": 100}, "s", done)
    assert "Written: imports planned 2, imports complete 2," in text


def test_process_tree_cpu_adds_a_process_and_its_descendants(tmp_path):
    """utime + stime (fields 14 and 15 of /proc/PID/stat) of the root and every descendant."""
    import os

    from bench.deadline import process_tree_cpu

    tick = os.sysconf("SC_CLK_TCK")
    for pid, parent, ticks in ((10, 1, 100), (11, 10, 200), (12, 11, 50), (13, 1, 999)):
        (tmp_path / str(pid)).mkdir()
        fields = ["S", str(parent)] + ["0"] * 9 + [str(ticks), str(ticks)] + ["0"] * 5
        (tmp_path / str(pid) / "stat").write_text(f"{pid} (gunicorn: a) b) " + " ".join(fields))
    assert process_tree_cpu(10, tmp_path) == 2 * (100 + 200 + 50) / tick
    assert process_tree_cpu(13, tmp_path) == 2 * 999 / tick
    assert process_tree_cpu(99, tmp_path) == 0.0

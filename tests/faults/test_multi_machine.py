"""Beyond one machine: two web instances and two Celery workers, each a separate process group
with its own working directory and MEDIA_ROOT (nothing shared on local disk), sharing only
PostgreSQL, Redis and S3-compatible object storage (moto in server mode on a loopback port).

One scripted cycle alternates between the two web instances; every file a worker makes
downloads through a web instance that did not ask for it; one web instance and one worker are
stopped mid-cycle and the cycle still completes.
"""

import hashlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from enterprises.choices import LetterState, TaskState
from enterprises.models import DiagnosisTask, TaskLetter
from portal.choices import DocumentKind, JobState, Role
from portal.models import DocumentJob
from reports.models import DiagnosisReport
from tests.enterprises.workflow_helpers import recommend
from tests.factories import CampaignFactory, TaskFactory, UserFactory, province
from tests.faults.conftest import needs_redis
from tests.fixtures import pdfs
from tests.fixtures.sheets import intent_row, intent_xlsx
from tests.integration import _database_url, wait_for
from tests.reports.reporting import ALL_OK, fill_report, published_task

pytestmark = [pytest.mark.integration, needs_redis]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BUCKET = "portal-multi"
# A private queue: tests running beside this one on the same Redis never see its jobs.
QUEUE = f"multi-{secrets.token_hex(4)}"
S3_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (http on loopback)
            return True
    except urllib.error.HTTPError:
        return True  # it answers
    except OSError:
        return False


@contextmanager
def _process(command: list[str], *, cwd: Path, env: dict[str, str], log: Path):
    """A process in its own session (process group), stopped with SIGTERM then SIGKILL."""
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield process
        finally:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture
def s3(tmp_path):
    """moto's S3 server on a free loopback port, with the portal's bucket."""
    import boto3

    port = _free_port()
    home = tmp_path / "s3"
    home.mkdir()
    env = {**os.environ, **S3_KEYS}
    with _process(
        [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        cwd=home,
        env=env,
        log=tmp_path / "moto.log",
    ):
        endpoint = f"http://127.0.0.1:{port}"
        wait_for(lambda: _up(endpoint), 30)
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            **{
                "aws_access_key_id": S3_KEYS["AWS_ACCESS_KEY_ID"],
                "aws_secret_access_key": S3_KEYS["AWS_SECRET_ACCESS_KEY"],
            },
        )
        client.create_bucket(Bucket=BUCKET)
        yield endpoint, client


def _machine_env(home: Path, endpoint: str) -> dict[str, str]:
    """What one machine is given: the shared services' addresses, its own disk."""
    env = {
        **os.environ,
        **S3_KEYS,
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,  # the session hashes the test signs in with
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(home / "media"),
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "PROMETHEUS_MULTIPROC_DIR": str(home / "prometheus"),
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "PYTHONPATH": str(ROOT),
        "TMPDIR": str(home / "tmp"),
        "CELERY_TASK_DEFAULT_QUEUE": QUEUE,
    }
    for folder in ("media", "prometheus", "tmp"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    return env


@pytest.fixture
def cluster(s3, tmp_path, reference_data, shared_database):
    """Two web instances (gunicorn) and two workers, each in its own directory."""
    endpoint, client = s3
    machines: dict[str, tuple[subprocess.Popen, Path, str]] = {}
    with ExitStack() as stack:
        for name in ("web-a", "web-b"):
            home = tmp_path / name
            port = _free_port()
            env = _machine_env(home, endpoint)
            process = stack.enter_context(
                _process(
                    [
                        str(BIN / "gunicorn"),
                        "portal.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "--chdir",
                        str(ROOT),
                        "--timeout",
                        "60",
                    ],
                    cwd=home,
                    env=env,
                    log=tmp_path / f"{name}.log",
                )
            )
            machines[name] = (process, home, f"http://127.0.0.1:{port}")
        for name in ("worker-1", "worker-2"):
            home = tmp_path / name
            env = _machine_env(home, endpoint)
            process = stack.enter_context(
                _process(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "portal",
                        "worker",
                        "-Q",
                        QUEUE,
                        "--concurrency",
                        "1",
                        "--pool",
                        "prefork",
                        "-n",
                        f"{name}@%h",
                        "-l",
                        "info",
                        "--without-gossip",
                        "--without-mingle",
                        "--without-heartbeat",
                    ],
                    cwd=home,
                    env=env,
                    log=tmp_path / f"{name}.log",
                )
            )
            machines[name] = (process, home, "")
        for name in ("web-a", "web-b"):
            wait_for(lambda url=machines[name][2]: _up(url + "/healthz"), 60)
        yield machines, client


class Browser:
    """One user's session, sent to whichever web instance the test names."""

    def __init__(self, user):
        client = Client()
        client.force_login(user, backend="portal.security.backends.TenantModelBackend")
        self.session = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.csrf = secrets.token_hex(16)

    def _open(self, base: str, path: str, data: dict | None = None, files: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(base + path, data=body)  # noqa: S310
        if files:
            boundary = secrets.token_hex(12)
            fields = [
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"\r\n\r\n'
                f"{value}\r\n".encode()
                for field, value in (data or {}).items()
            ]
            parts = [
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + content
                + b"\r\n"
                for field, (name, content) in files.items()
            ]
            request.data = b"".join(fields + parts) + f"--{boundary}--\r\n".encode()
            request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        request.add_header(
            "Cookie",
            f"{settings.SESSION_COOKIE_NAME}={self.session}; "
            f"{settings.CSRF_COOKIE_NAME}={self.csrf}",
        )
        request.add_header("X-CSRFToken", self.csrf)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def get(self, base: str, path: str):
        return self._open(base, path)

    def post(self, base: str, path: str, data: dict, files: dict | None = None):
        return self._open(base, path, data, files)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _request_document(
    browser: Browser, base: str, kind: str, year: int, **extra: int
) -> DocumentJob:
    before = set(DocumentJob.objects.values_list("pk", flat=True))
    status, _body = browser.post(
        base, reverse("reports:document-request"), {"kind": kind, "year": year, **extra}
    )
    assert status == 302, status
    (job,) = DocumentJob.objects.exclude(pk__in=before)
    return job


def _done(job: DocumentJob, timeout: float = 60) -> DocumentJob:
    wait_for(lambda: DocumentJob.objects.filter(pk=job.pk, state=JobState.DONE).exists(), timeout)
    return DocumentJob.objects.get(pk=job.pk)


def _download(browser: Browser, base: str, job: DocumentJob) -> bytes:
    status, body = browser.get(base, reverse("job-download", args=[job.pk]))
    assert status == 200, status
    assert hashlib.sha256(body).hexdigest() == job.checksum
    return body


def test_a_cycle_across_two_web_instances_and_two_workers(cluster, agency_user):
    machines, s3 = cluster
    web_a, web_b = machines["web-a"][2], machines["web-b"][2]
    campaign, hebei = CampaignFactory(year=2021), province("130000")
    recommend(campaign, hebei, agency_user.agency)
    TaskFactory.create_batch(3, campaign=campaign, organizer=hebei)
    organizer = Browser(UserFactory(username="multi-hebei", role=Role.ORGANIZER, organizer=hebei))
    ministry = Browser(UserFactory(username="multi-ministry", role=Role.MINISTRY))
    task = published_task(agency_user.agency, campaign=campaign)
    agency = Browser(agency_user)
    enterprise = Browser(
        UserFactory(username="multi-enterprise", role=Role.ENTERPRISE, enterprise=task.enterprise)
    )

    # Both instances serve the same session (sessions live in the database).
    for base in (web_a, web_b):
        assert organizer.get(base, reverse("home"))[0] == 200

    # The organizer imports its 附件3 through A; B lists the imported rows at once.
    name = agency_user.agency.name
    table = [intent_row(n, 提供服务的机构=name, 企业名称=f"多机导入企业{n}") for n in range(1, 6)]
    content = intent_xlsx(table)
    status, body = organizer.post(
        web_a,
        reverse("enterprises:task-import"),
        {"year": 2021, "import": "1"},
        {"file": ("附件3.xlsx", content)},
    )
    assert status == 200, body.decode()[:2000]
    imported = DiagnosisTask.objects.filter(
        campaign__year=2021, organizer=hebei, enterprise_name__startswith="多机导入企业"
    )
    assert imported.filter(state=TaskState.MATCHED).count() == 5
    status, body = organizer.get(web_b, reverse("enterprises:task-list") + "?year=2021")
    assert status == 200 and "多机导入企业5" in body.decode()

    # 附件1–3 asked for through one instance, each file downloaded through the other.
    made = []
    for i, kind in enumerate(
        (DocumentKind.FORM_PLAN, DocumentKind.FORM_RECOMMENDATION, DocumentKind.FORM_INTENT)
    ):
        ask, fetch = (web_a, web_b) if i % 2 == 0 else (web_b, web_a)
        job = _done(_request_document(organizer, ask, kind, 2021))
        _download(organizer, fetch, job)
        made.append(job)

    # The import made the agency's task letter: asked for through B, downloaded through A.
    letter = TaskLetter.objects.get(campaign__year=2021, agency=agency_user.agency)
    job = _done(
        _request_document(organizer, web_b, DocumentKind.TASK_LETTER_DOCX, 2021, letter=letter.pk)
    )
    _download(organizer, web_a, job)
    made.append(job)

    # The organizer signs it through A (the scan goes to the object store); the agency
    # downloads the signed scan through B, and the imported tasks are "letter signed".
    scan = pdfs.clean_pdf()
    status, _body = organizer.post(
        web_a,
        reverse("enterprises:letter-sign", args=[letter.pk]),
        {},
        {"scan": ("任务书.pdf", scan)},
    )
    assert status == 302, status
    letter.refresh_from_db()
    assert letter.state == LetterState.SIGNED
    assert imported.filter(state=TaskState.LETTER_SIGNED).count() == 5
    status, body = agency.get(web_b, reverse("enterprises:letter-scan", args=[letter.pk]))
    assert (status, body) == (200, scan)

    # The agency's report (its data entered here), its file uploaded through A and
    # downloaded through B, submitted through B; the enterprise confirms through A; the
    # organizer accepts through B.
    fill_report(task, agency_user)
    report = pdfs.clean_pdf()
    status, _body = agency.post(
        web_a, reverse("reports:report-file", args=[task.pk]), {}, {"file": ("报告.pdf", report)}
    )
    assert status == 302, status
    status, body = agency.get(web_b, reverse("reports:report-download", args=[task.pk]))
    assert (status, body) == (200, report)
    stored = DiagnosisReport.objects.get(task=task).file.name
    assert agency.post(web_b, reverse("reports:report-submit", args=[task.pk]), {})[0] == 302
    feedback = {"confirmed": "on", "rating": 5, "comments": "诊断细致"}
    assert enterprise.post(web_a, reverse("reports:feedback", args=[task.pk]), feedback)[0] == 302
    decision = {"decision": "accept", **dict.fromkeys(ALL_OK, "on")}
    status, _body = organizer.post(
        web_b, reverse("reports:report-decide", args=[task.pk]), decision
    )
    assert status == 302, status
    task.refresh_from_db()
    assert task.state == TaskState.ACCEPTED

    # One web instance and one worker stop mid-cycle.
    _stop(machines["web-a"][0])
    _stop(machines["worker-1"][0])
    assert not _up(web_a + "/healthz")

    job = _done(_request_document(organizer, web_b, DocumentKind.FORM_SUMMARY_DOCX, 2021))
    _download(organizer, web_b, job)
    made.append(job)
    # The summary package (附件1–4 and the report files, read back from the object store).
    job = _done(_request_document(organizer, web_b, DocumentKind.PACKAGE, 2021), 90)
    _download(organizer, web_b, job)
    made.append(job)

    # The national 附件3 export: asked for by the ministry, made by the worker left.
    before = set(DocumentJob.objects.values_list("pk", flat=True))
    status, _body = ministry.post(
        web_b, reverse("reports:export-list"), {"export": "intent_list", "campaign": 2021}
    )
    assert status == 302, status
    (export,) = DocumentJob.objects.exclude(pk__in=before)
    export = _done(export, 90)
    assert export.kind == DocumentKind.EXPORT
    _download(ministry, web_b, export)
    made.append(export)

    # Every file is in the object store; no machine kept one on its own disk.
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}
    assert {stored, letter.signed_scan.name, *(j.output.name for j in made)} <= keys
    for _process, home, _url in machines.values():
        assert not any(p.is_file() for p in (home / "media").rglob("*"))

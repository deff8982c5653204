"""audit_record stores who, which organizer, which object and from which address."""

from django.test import RequestFactory, override_settings

from portal.audit import audit_record
from portal.security.client_ip import client_ip
from provinces.models import PlanContent
from tests.factories import SubmissionFactory


def test_organizer_is_found_through_the_scoping_path(db, organizer_user, hebei, ministry_user):
    """A plan (owned via its submission) is recorded under the submission's organizer."""
    plan = PlanContent.objects.create(submission=SubmissionFactory(organizer=hebei))
    record = audit_record(actor=ministry_user, action="plan.save", obj=plan)
    assert record.organizer_id == hebei.pk


def test_ip_address_is_remote_addr_without_proxies(ministry_user):
    """With no proxy in front, REMOTE_ADDR is the client and X-Forwarded-For is ignored."""
    request = RequestFactory().get(
        "/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert audit_record(actor=ministry_user, action="x", request=request).ip_address == (
        "203.0.113.7"
    )


@override_settings(AXES_IPWARE_PROXY_COUNT=1)
def test_behind_one_proxy_the_proxy_appended_address_counts():
    """Behind one proxy the right-most X-Forwarded-For entry is the client, not forged ones."""
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9"
    )
    assert client_ip(request) == "203.0.113.9"


@override_settings(AXES_IPWARE_PROXY_COUNT=1)
def test_garbage_forwarded_header_falls_back_to_remote_addr():
    """An unparseable forwarded address is not stored; the peer's address is."""
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="nonsense")
    assert client_ip(request) == "10.0.0.2"

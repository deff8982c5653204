"""What list pages keep between requests: the filter bar's options (per list of choices and
language), the navigation (per role, duties, language) and the data versions of one request.
None of them may show another tenant's choices, another language's labels, or a list from
before a write."""

import pytest
from django import forms
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.test import RequestFactory
from django.urls import get_script_prefix, reverse, set_script_prefix
from django.utils import translation

from enterprises.models import DiagnosisTask
from portal import dataversion
from portal.context_processors import NAV_ONLY_IF, _entries, _nav
from portal.models import Campaign
from portal.widgets import Select, _options
from tests.factories import AgencyFactory, CampaignFactory, TaskFactory

TASKS = reverse("enterprises:task-list")


def _django(choices, name: str, value, attrs=None) -> str:
    return forms.Select(choices=choices).render(name, value, attrs)


@pytest.mark.parametrize("value", [None, "", "2", 2, "3", "absent"])
def test_a_kept_option_list_marks_the_chosen_value_as_django_does(value):
    choices = [("", "全部"), (1, "甲"), (2, 'A&B "x"'), (3, "<b>"), (2, "重复的 2")]
    first = Select(choices=choices).render("agency", None, {"id": "id_agency"})
    assert first == _django(choices, "agency", None, {"id": "id_agency"})
    # The second render of the same choices comes from the kept text, with the value marked.
    widget = Select(choices=choices)
    assert widget.render("agency", value, {"id": "id_agency"}) == _django(
        choices, "agency", value, {"id": "id_agency"}
    )


def test_two_lists_of_choices_never_share_their_options():
    """Two tenants' agencies, a list before and after a change, a value 1 and a value True
    (equal in Python, written differently): each has its own text."""
    hebei = [("", "全部"), (1, "河北的机构")]
    shandong = [("", "全部"), (1, "山东的机构")]
    flags = [(True, "是")]
    ones = [(1, "是")]
    for choices in (hebei, shandong, hebei, flags, ones, flags):
        assert Select(choices=choices).render("x", None) == _django(choices, "x", None)


def test_the_kept_options_follow_the_language():
    choices = [("", translation.gettext_lazy("All")), ("a", "甲")]
    with translation.override("en"):
        english = Select(choices=choices).render("x", None)
    with translation.override("zh-hans"):
        chinese = Select(choices=choices).render("x", None)
    with translation.override("en"):
        assert Select(choices=choices).render("x", None) == english
    assert ">All</option>" in english and ">All</option>" not in chinese
    assert chinese == _django_in("zh-hans", choices)


def _django_in(language: str, choices) -> str:
    with translation.override(language):
        return _django(choices, "x", None)


def test_grouped_and_multiple_selects_are_written_as_django_does():
    grouped = [("", "全部"), ("组", [(3, "三"), (4, "四")])]
    assert Select(choices=grouped).render("g", "4") == _django(grouped, "g", "4")
    plain = [(1, "一"), (2, "二")]
    multiple = Select(choices=plain)
    multiple.allow_multiple_selected = True
    django = forms.SelectMultiple(choices=plain).render("m", [1, 2])
    assert multiple.render("m", [1, 2]) == django


def test_the_kept_options_are_bounded():
    _options.cache_clear()
    for n in range(_options.cache_info().maxsize + 10):
        Select(choices=[(n, str(n))]).render("x", None)
    assert _options.cache_info().currsize == _options.cache_info().maxsize


@pytest.mark.django_db
def test_the_filter_bar_shows_each_tenant_its_own_agencies_in_its_language(
    reference_data, campaign, hebei, shandong, organizer_user, other_organizer_user, client_for
):
    ours, theirs = AgencyFactory(name="河北节能服务机构"), AgencyFactory(name="山东节能服务机构")
    TaskFactory(campaign=campaign, organizer=hebei, agency=ours)
    TaskFactory(campaign=campaign, organizer=shandong, agency=theirs)
    for _round in range(2):  # the second round reads what the first kept
        hebei_page = client_for(organizer_user).get(TASKS, {"year": 2021}).content.decode()
        shandong_page = client_for(other_organizer_user).get(TASKS, {"year": 2021}).content.decode()
        assert f'value="{ours.pk}">河北节能服务机构' in hebei_page
        assert "山东节能服务机构" not in hebei_page
        assert f'value="{theirs.pk}">山东节能服务机构' in shandong_page
        assert "河北节能服务机构" not in shandong_page
    client = client_for(organizer_user)
    chosen = client.get(TASKS, {"year": 2021, "agency": ours.pk}).content.decode()
    assert f'<option value="{ours.pk}" selected>河北节能服务机构' in chosen
    client.cookies["django_language"] = "en"
    english = client.get(TASKS, {"year": 2021}).content.decode()
    assert '<option value="" selected>All</option>' in english
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get(TASKS, {"year": 2021}).content.decode()
    assert '<option value="">All</option>' not in chinese
    assert '<option value="" selected>All</option>' not in chinese


@pytest.mark.django_db
def test_the_navigation_is_kept_per_role_duty_and_language(
    client_for, ministry_user, organizer_user
):
    _entries.cache_clear()
    pages = {}
    for language in ("en", "zh-hans", "en"):
        for user in (ministry_user, organizer_user):
            client = client_for(user)
            client.cookies["django_language"] = language
            nav = client.get(reverse("home")).context["portal_nav"]
            entries = [(item["label"], item["url"]) for item in nav]
            with translation.override(language):
                duties = tuple(n for n, allowed in NAV_ONLY_IF.items() if allowed(user))
                built = _entries.__wrapped__(
                    user.role, duties, language, "/", settings.ROOT_URLCONF
                )
            assert entries == [(label, url) for label, url, _name in built], (language, user)
            pages.setdefault((language, user.role), entries)
            assert pages[(language, user.role)] == entries
    assert pages[("en", "ministry")] != pages[("zh-hans", "ministry")]
    assert pages[("en", "ministry")] != pages[("en", "organizer")]
    assert ("Dashboard", reverse("reports:dashboard")) in pages[("en", "organizer")]
    assert ("Review queue", reverse("provinces:review-queue")) not in pages[("en", "organizer")]


@pytest.mark.django_db
def test_the_navigation_follows_the_url_prefix(ministry_user):
    """A portal mounted under a path (SCRIPT_NAME) gets its own entries."""
    request = RequestFactory().get("/")
    request.user = ministry_user
    plain = _nav(request)
    before = get_script_prefix()
    set_script_prefix("/portal/")
    try:
        prefixed = _nav(request)
    finally:
        set_script_prefix(before)
    assert [i["url"] for i in prefixed] == ["/portal" + i["url"] for i in plain]
    assert [i["url"] for i in _nav(request)] == [i["url"] for i in plain]


@pytest.fixture
def versioned(settings):
    settings.DATAVERSION_LOCAL = True


@pytest.mark.django_db(transaction=True)
def test_a_write_within_a_request_is_counted_by_that_request(
    reference_data, campaign, hebei, agency, versioned
):
    """The versions a request has read are kept until it ends; a write of its own (committed
    or not) changes them, so a page that adds a row and then shows the list counts it."""
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
    tasks = DiagnosisTask.objects.filter(campaign=campaign)
    request_started.send(sender=None)
    try:
        assert dataversion.count(tasks) == 1
        assert dataversion.count(tasks) == 1  # kept versions, kept value
        TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
        assert dataversion.count(tasks) == 2
        DiagnosisTask.objects.filter(seq__gt=0).update(remarks="改")
        DiagnosisTask.objects.filter(pk=tasks.first().pk).delete()
        assert dataversion.count(tasks) == 1
    finally:
        request_finished.send(sender=None)
    assert dataversion._request.versions is None  # outside a request nothing is kept


@pytest.mark.django_db(transaction=True)
def test_a_kept_value_is_a_copy(reference_data, campaign, hebei, agency, versioned):
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
    tasks = DiagnosisTask.objects.filter(campaign=campaign).values_list("pk", flat=True)
    first = dataversion.cached(tasks, lambda: list(tasks), "keys")
    first.append(-1)  # a caller that changes what it got
    assert dataversion.cached(tasks, lambda: list(tasks), "keys") == [first[0]]


@pytest.mark.django_db(transaction=True)
def test_a_request_reads_the_versions_it_needs_at_once(
    reference_data, campaign, hebei, agency, versioned, monkeypatch
):
    """A request asks the cache for the versions of every table this process's requests have
    asked for, in one call; a write between two requests still changes what the next shows."""
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
    tasks = DiagnosisTask.objects.filter(campaign=campaign)
    campaigns = Campaign.objects.all()

    def one_request() -> tuple[int, int]:
        request_started.send(sender=None)
        try:
            return dataversion.count(tasks), dataversion.count(campaigns)
        finally:
            request_finished.send(sender=None)

    years = Campaign.objects.count()
    assert one_request() == (1, years)  # learns which tables requests read
    calls: list = []
    real = dataversion.cache.get_many
    monkeypatch.setattr(
        dataversion.cache, "get_many", lambda keys: calls.append(keys) or real(keys)
    )
    assert one_request() == (1, years)
    assert len(calls) == 1
    CampaignFactory(year=2030)
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
    assert one_request() == (2, years + 1)


def test_the_label_filter_shows_what_get_display_shows():
    from enterprises.choices import DiagnosisType, TaskState
    from portal.templatetags.labels import label

    task = DiagnosisTask()
    for language in ("zh-hans", "en", "zh-hans"):
        with translation.override(language):
            for state in [*TaskState.values, "no-such-state"]:
                task.state = state
                assert label(task, "state") == task.get_state_display()
            for kind in DiagnosisType.values:
                task.diagnosis_type = kind
                assert label(task, "diagnosis_type") == task.get_diagnosis_type_display()
    with translation.override("en"):
        english = label(task, "diagnosis_type")
    with translation.override("zh-hans"):
        assert label(task, "diagnosis_type") != english


@pytest.mark.django_db(transaction=True)
def test_counts_keyed_by_their_rows_stay_apart(
    reference_data, campaign, hebei, agency, other_agency, versioned
):
    """A count is kept under the SQL of the rows it counts (not of every column the list
    shows): two filters, two value lists or a distinct one still count apart."""
    for n, (city, kind) in enumerate([("甲市", agency), ("甲市", other_agency), ("乙市", agency)]):
        TaskFactory(campaign=campaign, organizer=hebei, agency=kind, city=city, seq=n + 1)
    tasks = DiagnosisTask.objects.filter(campaign=campaign).select_related("agency", "organizer")
    for _round in range(2):
        assert dataversion.count(tasks) == 3
        assert dataversion.count(tasks.filter(city="甲市")) == 2
        assert dataversion.count(tasks.filter(agency=other_agency)) == 1
        assert dataversion.count(tasks.values("city").distinct()) == 2
        assert dataversion.count(tasks.values("city", "agency").distinct()) == 3
        assert dataversion.count(tasks.order_by("seq")[1:]) == 2


def test_path_for_writes_what_reverse_writes():
    from portal.templatetags.paths import _pattern, path_for

    for name in ("reports:dossier", "reports:report-detail", "enterprises:task-edit"):
        for pk in (0, 1, 99, 123456789):
            assert path_for(name, pk) == reverse(name, args=[pk])
        assert path_for(name, str(5)) == reverse(name, args=["5"])  # not an int: reverse()
    assert _pattern("home", "portal.urls", "/") is None  # takes no argument
    before = get_script_prefix()
    set_script_prefix("/portal/")
    try:
        assert path_for("reports:dossier", 3) == reverse("reports:dossier", args=[3])
        assert path_for("reports:dossier", 3).startswith("/portal/")
    finally:
        set_script_prefix(before)


def test_the_values_a_process_keeps_are_bounded_in_bytes(monkeypatch):
    monkeypatch.setattr(dataversion, "_local", dataversion.OrderedDict())
    monkeypatch.setattr(dataversion, "_local_bytes", 0)
    monkeypatch.setattr(dataversion, "LOCAL_TOTAL_BYTES", 3_000)
    for n in range(5):
        dataversion._local_put(f"key-{n}", "x" * 1_000)
    kept = list(dataversion._local)
    assert kept == ["key-3", "key-4"]  # the oldest went first, under 3,000 bytes in all
    assert dataversion._local_bytes == sum(map(dataversion._size, dataversion._local.values()))
    dataversion._local_put("key-4", "y" * 10)  # a value kept again replaces its bytes
    assert dataversion._local_bytes == sum(map(dataversion._size, dataversion._local.values()))
    assert dataversion._local_get("key-4") == "y" * 10


def test_a_value_no_caller_can_change_is_shared_and_any_other_is_a_copy(monkeypatch):
    monkeypatch.setattr(dataversion, "_local", dataversion.OrderedDict())
    monkeypatch.setattr(dataversion, "_local_bytes", 0)
    choices = tuple((n, f"机构{n}") for n in range(570))  # a filter bar's agencies
    dataversion._local_put("agencies", choices)
    assert dataversion._local_get("agencies") is dataversion._local_get("agencies")
    assert dataversion._local_get("agencies") == choices
    rows = [(1, "甲"), (2, "乙")]  # a list: a caller could change it
    dataversion._local_put("rows", rows)
    first = dataversion._local_get("rows")
    first.append((3, "丙"))
    assert dataversion._local_get("rows") == rows[:2] and first is not rows
    nested = ((1, ["可变"]),)  # a tuple holding a list is not frozen either
    dataversion._local_put("nested", nested)
    assert dataversion._local_get("nested") is not dataversion._local_get("nested")

"""The benchmarking figures of 附件4 and of the dashboard panel, checked against a hand count.

Hebei: 高炉 at 450 kgce/t (exceeds 435, 300 tce to the limit, 1 780 tce to 361), 高炉 at 400
(meets the limit, 780 tce to 361), a product with no table; Shandong: 高炉 at 350 (leading).
Nationally 4 products, 3 graded, 1 exceeding (33.3 %); Hebei 3 products, 2 graded, 1 exceeding.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises.choices import TaskState
from reports.benchmarking import services
from reports.benchmarking.selectors import benchmarking_summary, exceeding_by_industry
from reports.documents.render.pdf import render_html
from reports.models import BenchmarkEntry, DiagnosisReport
from reports.summary.selectors import summary_data
from tests.factories import EnterpriseFactory
from tests.reports.reporting import published_task


def _accepted(agency_user, campaign, organizer, products):
    task = published_task(
        agency_user.agency, enterprise=EnterpriseFactory(), campaign=campaign, organizer=organizer
    )
    blast = BenchmarkEntry.objects.get(product="高炉工序")
    for energy in products:
        entry = blast.pk if energy is not None else None
        services.product_row_add(
            task_id=task.pk,
            actor=agency_user,
            data={
                "entry": entry,
                "product": "铸件" if entry is None else "",
                "output": 20000,
                "energy": energy if energy is not None else 10,
            },
        )
    DiagnosisReport.objects.filter(task=task).update(submitted_at=timezone.now())
    task.state = TaskState.ACCEPTED
    task.save(update_fields=["state"])
    return task


@pytest.fixture
def data(agency_user, campaign, hebei, shandong):
    _accepted(agency_user, campaign, hebei, [9000, 8000, None])
    _accepted(agency_user, campaign, shandong, [7000])


@pytest.mark.django_db
def test_summary_by_organizer_and_national(data, campaign, hebei):
    hebei_summary = benchmarking_summary(campaign, hebei)
    assert hebei_summary["total"] == 3
    assert hebei_summary["graded"] == 2
    assert hebei_summary["counts"]["exceeds_limit"] == 1
    assert hebei_summary["counts"]["meets_limit"] == 1
    assert hebei_summary["counts"]["no_table"] == 1
    assert hebei_summary["exceeding_pct"] == 50
    assert hebei_summary["saving_to_limit_tce"] == Decimal(300)
    assert hebei_summary["saving_to_leading_tce"] == Decimal(1780 + 780)
    [row] = hebei_summary["exceeding_rows"]
    assert row["value"] == Decimal(450) and row["standard"] == "发改产业〔2023〕723号-2023"
    national = benchmarking_summary(campaign, None)
    assert (national["total"], national["graded"], national["exceeding"]) == (4, 3, 1)
    assert national["counts"]["leading"] == 1


@pytest.mark.django_db
def test_summary_document_and_dashboard_panel(data, campaign, hebei, ministry_user, client_for):
    html = render_html("documents/summary.html", {"summary": summary_data(campaign, hebei)})
    assert "主要产品能效对标情况" in html
    assert "超过限定值1个（占50.0%）" in html
    assert "450.00 kgce/t" in html
    no_table, steel = exceeding_by_industry(campaign)
    assert no_table["industry"] == "" and no_table["counts"]["no_table"] == 1
    assert no_table["exceeding_pct"] is None
    assert steel["industry"] == "钢铁"
    assert (steel["graded"], steel["exceeding"]) == (3, 1)
    assert steel["exceeding_pct"].quantize(Decimal("0.1")) == Decimal("33.3")
    page = client_for(ministry_user).get(reverse("reports:dashboard"), {"campaign": campaign.year})
    body = page.content.decode()
    assert 'data-testid="benchmarking-by-industry"' in body and "钢铁" in body

"""The data migration: every existing recommendation takes the values its 附件2 showed."""

import importlib

import pytest
from django.apps import apps

from agencies.models import DECLARED_FIELDS, Recommendation
from tests.factories import AgencyFactory, RecommendationFactory, province

pytestmark = pytest.mark.django_db
migration = importlib.import_module(
    "agencies.migrations.0004_copy_agency_values_to_recommendations"
)


def test_every_recommendation_gets_its_agencys_values(campaign, hebei, shandong):
    """Two organizers' rows of one agency and a row of another: each copies its agency, none lost."""
    shared = AgencyFactory(
        specialties="钢铁",
        technical_staff=30,
        track_record="近三年诊断30家",
        contact_name="王工",
        contact_title="总工",
        phone="0311-1",
        email="w@example.cn",
    )
    other = AgencyFactory(technical_staff=None, phone="0531-2")
    blank = dict.fromkeys(DECLARED_FIELDS, "") | {"technical_staff": None}
    rows = [
        RecommendationFactory(campaign=campaign, organizer=hebei, agency=shared, **blank),
        RecommendationFactory(campaign=campaign, organizer=shandong, agency=shared, **blank),
        RecommendationFactory(
            campaign=campaign, organizer=province("320000"), agency=other, **blank
        ),
    ]
    migration.copy_forward(apps, None)
    for row in rows:
        stored = Recommendation.objects.values(*DECLARED_FIELDS).get(pk=row.pk)
        agency = type(row.agency).objects.values(*DECLARED_FIELDS).get(pk=row.agency_id)
        assert stored == agency
    assert Recommendation.objects.get(pk=rows[1].pk).phone == "0311-1"

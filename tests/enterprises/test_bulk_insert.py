"""enterprises/services/bulk.insert_many: what goes in comes back, on SQLite and PostgreSQL."""

from decimal import Decimal

import pytest

from enterprises.models import Enterprise
from enterprises.services.bulk import BATCH, insert_many

pytestmark = pytest.mark.django_db

AWKWARD = ['引号"在内', "逗号,分号;", "换行\n第二行", "制表\t符", "回车\r", "", r"\N", "反斜杠\\"]


def test_awkward_text_empty_strings_and_nulls_survive():
    rows = [
        {
            "credit_code": f"91110105{n:09d}X",
            "name": name,
            "city": "",
            "industry_id": "C31",
            "energy_tce": Decimal("1234.50") if n % 2 else None,
            "is_sme": bool(n % 2),
        }
        for n, name in enumerate(AWKWARD)
    ]
    ids = insert_many(Enterprise, rows)
    stored = {e.credit_code: e for e in Enterprise.objects.filter(credit_code__startswith="9111")}
    assert ids == [stored[row["credit_code"]].pk for row in rows]
    for row in rows:
        enterprise = stored[row["credit_code"]]
        assert enterprise.name == row["name"] and enterprise.city == ""
        assert enterprise.energy_tce == row["energy_tce"] and enterprise.is_sme == row["is_sme"]
        assert enterprise.created_at is not None


def test_more_rows_than_one_statement_holds():
    count = BATCH + 7
    ids = insert_many(
        Enterprise,
        [
            {"credit_code": f"92{n:016d}", "name": f"企业{n}", "industry_id": "C31"}
            for n in range(count)
        ],
    )
    stored = dict(Enterprise.objects.filter(credit_code__startswith="92").values_list("pk", "name"))
    assert len(stored) == count and [stored[pk] for pk in ids] == [f"企业{n}" for n in range(count)]

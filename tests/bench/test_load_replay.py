"""The load bench's replay floor (bench/load/bare.py) replays what our view read, nothing else."""

from bench.load.bare import _minus, _replayable


def test_the_replay_keeps_reads_only():
    queries = [
        {"sql": "SAVEPOINT s1"},
        {"sql": 'SELECT "id" FROM "enterprises_diagnosistask" WHERE "id" = 1'},
        {"sql": "  with t as (select 1) select * from t"},
        {"sql": 'UPDATE "django_session" SET "expire_date" = \'2026-12-05\' WHERE "k" = \'x\''},
        {"sql": 'INSERT INTO "portal_auditlog" ("a") VALUES (1)'},
        {"sql": "RELEASE SAVEPOINT s1"},
        {"sql": "BEGIN"},
    ]
    assert _replayable(queries) == [
        'SELECT "id" FROM "enterprises_diagnosistask" WHERE "id" = 1',
        "  with t as (select 1) select * from t",
    ]


def test_the_bare_views_own_statements_are_taken_out_once_by_shape():
    ours = ["SELECT 1 FROM \"s\" WHERE k = 'a'", "SELECT 2", "SELECT 1 FROM \"s\" WHERE k = 'b'"]
    assert _minus(ours, ["SELECT 1 FROM \"s\" WHERE k = 'z'"]) == [
        "SELECT 2",
        "SELECT 1 FROM \"s\" WHERE k = 'b'",
    ]

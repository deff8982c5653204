"""The physical floor of a list page or API list (bench.load.settings only, under /bench/floor/).

Each view sits behind the same gunicorn and middleware as the portal (session, user, CSRF,
locale…), reads the same 25 (or 50) rows in ONE query that an index answers in its order, and
renders them with a template that extends nothing (or encodes them as JSON). No counts, no
filter facets, no navigation: what a list request costs at the least. It is not a replay of
the portal's SQL (bench/load/bare.py is that, for the older rows).
"""

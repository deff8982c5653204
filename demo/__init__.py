"""The demo programme (`manage.py seed_demo`): campaigns, organizers, agencies, tasks, reports.

A top-level app allowed to import every other app; nothing imports it except its command and
its tests. seed/ holds the builders, one module per area.
"""

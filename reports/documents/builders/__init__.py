"""Builders of the document jobs: selector → plain rows → pure renderer, one per DocumentKind.

forms (附件1–3, the published list) · texts (task letter, 附件4 summary) · package (the zip) ·
base (the version stamp they share). Each module's BUILDERS is registered by
ReportsConfig.ready() through reports.documents.registry; nothing here imports the registry.
"""

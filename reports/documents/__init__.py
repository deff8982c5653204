"""Documents: the attachment forms, task letters, 附件4 files and packages, made by document jobs.

render/     pure renderers (xlsx, docx, pdf, zip) and the plain data they print; no database
selectors/  the rows each document prints (forms, letters, package files)
builders/   one builder per DocumentKind: selector → rows → renderer (registered by registry.py)
services    who may ask for which document; requests and synchronous renders
views, api, forms, items, urls   the documents page and /api/v1/documents/
"""

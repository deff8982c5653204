"""附件4 工作总结: the organizer's summary of the year — figures, narrative, the submission panel.

selectors  the figures (from accepted reports and follow-ups) and the narrative as saved
services   saving the narrative (optimistic version check)
views, forms, urls   the editor page; panel  附件4's panel on the submission page
The Word and PDF files are built by reports.documents (builders/texts.py).
"""

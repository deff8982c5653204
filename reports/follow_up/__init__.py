"""跟踪服务 (follow-up): what became of a report's measures in the following years.

selectors  the follow-up rows of a task and the realization rates
services   a measure's moves (implement, complete, drop), actual figures and evidence
views, forms, urls, api   the follow-up page, the realization page, /api/v1/follow-ups/
"""

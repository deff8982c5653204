"""Data checks (数据核验): plausibility checks of a report and of intent-list rows before submit.

evaluate    the checks as pure functions of the figures, with their default thresholds
selectors   the figures of a task and its findings, with the reasons already given
services    saving reasons; the guard of report submit and of 附件3 submit
panel       the report page's panel and the 附件3 submit guard, registered from ready()
views, urls, api, api_urls   the pages and the API (GET findings, POST reasons)
"""

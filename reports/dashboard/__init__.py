"""The ministry's dashboard: deadlines and progress by organizer, agencies, outcomes, the
agency scorecards and the national exports.

selectors/  the dashboard's reads (matrix, milestones, progress, agencies, outcomes, page,
            links, scorecards)
exports/    the national xlsx exports (catalog, rows, layouts, statistics; the EXPORT builder)
views/      pages (page, charts, exports, scorecards); forms, urls; api/ the same as JSON
"""

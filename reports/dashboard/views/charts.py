"""ECharts options for the dashboard, built from the same rows its tables show.

The options travel to the page as JSON (templates/components/chart.html) and static/js/portal.js
draws them; `links` (read by static/js/charts.js) makes a bar a link to the rows behind it.
"""

from django.utils.translation import gettext as _

from reports.dashboard.selectors.matrix import Matrix
from reports.dashboard.selectors.milestones import CellState
from reports.dashboard.selectors.progress import STAGE_LABELS, STAGES, ProgressRow

# One colour per state, the same family as the status badges (green done, amber late, red).
STATE_COLOURS = {
    CellState.NOT_STARTED: "#b8c0cc",
    CellState.DRAFT: "#7aa7e0",
    CellState.ON_TIME: "#2e9e5b",
    CellState.LATE: "#d48806",
    CellState.OVERDUE: "#c8161d",
    CellState.RETURNED: "#8c6d1f",
    CellState.APPROVED: "#136c3a",
    CellState.NOT_ASKED: "#e4e8ee",
}
STAGE_COLOURS = ["#7a8699", "#0b4ea2", "#0e8a96", "#5b3ea8", "#2e9e5b"]


def _grid(**extra) -> dict:
    return {"left": 8, "right": 16, "top": 36, "bottom": 8, "containLabel": True, **extra}


def milestone_chart(matrix: Matrix, base_url: str) -> dict:
    """Stacked bars: how many organizers are in each state, per milestone."""
    milestones = matrix.milestones
    series, links = [], []
    for state in CellState:
        series.append(
            {
                "name": str(state.label),
                "type": "bar",
                "stack": "organizers",
                "itemStyle": {"color": STATE_COLOURS[state]},
                "data": [matrix.counts[m.key][state.value] for m in milestones],
            }
        )
        links.append([f"{base_url}&milestone={m.key}&state={state.value}" for m in milestones])
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0, "type": "scroll"},
        "grid": _grid(),
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "inverse": True, "data": [m.short for m in milestones]},
        "series": series,
        "links": links,
    }


def stage_chart(total: ProgressRow) -> dict:
    """The funnel as bars: planned → listed → published → reported → accepted."""
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "grid": _grid(top=16),
        "xAxis": {"type": "category", "data": [str(STAGE_LABELS[s]) for s in STAGES]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "type": "bar",
                "name": _("Enterprises"),
                "barMaxWidth": 56,
                "label": {"show": True, "position": "top"},
                "data": [
                    {"value": v or 0, "itemStyle": {"color": STAGE_COLOURS[i]}}
                    for i, v in enumerate(total.values())
                ],
            }
        ],
    }


def breakdown_chart(
    rows: list[ProgressRow], *, zoom: bool = False, links: list[str] | None = None
) -> dict:
    """Grouped bars of the stages for each row (diagnosis type, industry, organizer)."""
    stages = [s for s in STAGES if any(getattr(r, s) is not None for r in rows)]
    crowded = zoom and len(rows) > 6  # long names: slant them
    options = {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "grid": _grid(bottom=40 if crowded else 8),
        "xAxis": {
            "type": "category",
            "data": [r.label for r in rows],
            "axisLabel": {"interval": 0, "rotate": 30 if crowded else 0},
        },
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "name": str(STAGE_LABELS[s]),
                "type": "bar",
                "itemStyle": {"color": STAGE_COLOURS[STAGES.index(s)]},
                "data": [getattr(r, s) or 0 for r in rows],
            }
            for s in stages
        ],
    }
    if zoom and len(rows) > 12:
        options["dataZoom"] = [
            {"type": "slider", "startValue": 0, "endValue": 11, "height": 16, "bottom": 4},
            {"type": "inside"},
        ]
    if links:
        options["links"] = [links for _s in stages]
    return options


def rating_chart(ratings: dict[int, int]) -> dict:
    """How many enterprises gave each score from 1 to 5."""
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "grid": _grid(top=16),
        "xAxis": {"type": "category", "data": [f"{score} ★" for score in ratings]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "type": "bar",
                "name": _("Enterprises"),
                "barMaxWidth": 48,
                "itemStyle": {"color": "#d48806"},
                "label": {"show": True, "position": "top"},
                "data": list(ratings.values()),
            }
        ],
    }


def charts_for(board, query: str) -> dict:
    """Every chart of the dashboard page; `query` is the page's filter query string."""
    progress = board.progress
    # The chart shows the organizers that have started; the table below lists every one.
    active = [row for row in progress.by_organizer if row.listed or row.planned]
    organizer_links = [f"?{query}&q={row.key}" for row in active]
    return {
        "milestones": milestone_chart(board.matrix, f"?{query}"),
        "stages": stage_chart(progress.total),
        "types": breakdown_chart(progress.by_type),
        "sectors": breakdown_chart(progress.by_sector),
        "organizers": breakdown_chart(
            active, zoom=True, links=organizer_links if board.is_national else None
        ),
        "agencies": breakdown_chart(board.agencies, zoom=True),
        "ratings": rating_chart(board.outcomes.ratings),
    }

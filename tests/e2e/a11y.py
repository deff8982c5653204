"""Accessibility checks for the browser tests: axe-core (vendored) and layout measurements.

`violations(page)` runs axe-core in the page against the WCAG 2.0/2.1 A and AA rules and returns
the serious and critical violations, each as a short readable line naming the rule, the element
and axe's explanation. `overflow(page)` measures whether the page scrolls sideways.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
IMPACTS = {"serious", "critical"}


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def install(context) -> None:
    """Have axe-core loaded into every page of a browser context as the page starts (cheaper
    than sending it over for each page when a test checks many)."""
    context.add_init_script(path=str(AXE))


def inject(page) -> None:
    """Load axe-core into the page (once per document). `evaluate` goes through the DevTools
    protocol, so the Content-Security-Policy, which forbids inline scripts, does not apply."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())


def run(page, *, include: str | None = None) -> list[dict[str, Any]]:
    """axe's raw violations (every impact) for the WCAG A/AA rules; `include` limits the check to
    one part of the page (a CSS selector)."""
    inject(page)
    return page.evaluate(
        """async ([tags, include]) => {
            const result = await axe.run(include ? {include: [include]} : document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          html: n.html.slice(0, 160),
                                          summary: n.failureSummary || ''})),
            }));
        }""",
        [WCAG_TAGS, include],
    )


def violations(page, *, include: str | None = None) -> list[str]:
    """The serious and critical violations on the page, one line per element."""
    lines = []
    for v in run(page, include=include):
        if v["impact"] not in IMPACTS:
            continue
        for node in v["nodes"]:
            summary = " ".join(node["summary"].split())[:300]
            lines.append(
                f"{page.url} [{v['impact']}] {v['id']}: {v['help']} — {node['target']} "
                f"{node['html']} — {summary}"
            )
    return lines


def overflow(page) -> int:
    """How many CSS pixels the page scrolls sideways (0 when it fits the viewport)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )

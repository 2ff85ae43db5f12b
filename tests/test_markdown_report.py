"""The Markdown report reads like the team's own (seed/room-write-map.md): sites grouped by
module, the candidate races named with both sides, recommendations, totals that agree."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app

from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def markdown() -> str:
    result = CliRunner().invoke(app, ["audit", "--format", "markdown", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    return result.stdout


def _section(markdown: str, heading: str) -> str:
    return markdown.split(heading + "\n", 1)[1].split("\n## ", 1)[0]


def test_sites_are_grouped_by_module_and_the_groups_add_up(markdown: str) -> None:
    for field in ("is_occupied", "room_status"):
        heading = next(line for line in markdown.splitlines() if line.startswith(f"## Room.{field} Write Operations"))
        total = int(re.search(r"\((\d+) locations?\)", heading).group(1))  # type: ignore[union-attr]
        section = _section(markdown, heading)
        groups = re.findall(r"^### \d+\. (\S+) \((\d+) writes?\)$", section, re.M)
        assert groups, section[:200]
        assert [module for module, _ in groups] == sorted(module for module, _ in groups)
        assert sum(int(count) for _, count in groups) == total == section.count("# File: ")
    assert "### 1. guests/models.py (1 write)" in markdown


def test_no_plural_after_one(markdown: str) -> None:
    assert not re.search(r"\b1 (writes|locations|functions|handlers)\b", markdown)


def test_the_seeds_two_races_are_named_with_both_sides(markdown: str) -> None:
    races = _section(markdown, "## Candidate Races")
    assert ("- **Thread A** start_cleaning (rooms/views.py:119) against **Thread B** set_room_status "
            "(housekeeping/services.py:") in races
    check_in = next(line for line in races.splitlines() if line.startswith("- **Thread A** StaffBookingCheckInView.post"))
    assert "against **Thread B** Guest.delete (guests/models.py:28)" in check_in
    assert "# Thread A: StaffBookingCheckInView.post (hotel/staff_views.py:69)" in races
    assert "# Thread B: Guest.delete (guests/models.py:28)" in races


def test_recommendations_agree_with_the_totals(markdown: str) -> None:
    summary = _section(markdown, "## Executive Summary")
    bypass = int(re.search(r"\*\*(\d+) bypass the canonical writer\*\*", summary).group(1))  # type: ignore[union-attr]
    handlers = int(re.search(r"\*\*(\d+) mutating view handlers", summary).group(1))  # type: ignore[union-attr]
    recommendations = _section(markdown, "## Recommendations")
    assert f"Route the {bypass} direct writes through" in recommendations
    modules = re.findall(r"^- (\S+): (\d+) writes?$", recommendations, re.M)
    assert sum(int(count) for _, count in modules) == bypass
    assert f"to the {handlers} mutating handlers" in recommendations
    assert len(re.findall(r"^- \S+:\d+ `", recommendations, re.M)) == handlers
    for number, title in enumerate(["Centralize Authority", "Add Transaction Boundaries", "Atomic Paired Writes",
                                    "Event Consistency", "Database Constraints"], start=1):
        assert f"### {number}. {title}" in recommendations

"""Complementary suppression (P16): no suppressed cell can be worked out from a group's whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from azultel.analytics.partner import k_suppress_complementary


@pytest.mark.promise("P16")
def test_a_lone_small_cell_takes_the_next_smallest_with_it() -> None:
    cells = k_suppress_complementary(
        [(("Chrome",), "day", 12), (("Opera",), "day", 1), (("Safari",), "day", 40)], k=10
    )

    assert [c.count for c in cells] == [None, None, 40]


@pytest.mark.promise("P16")
def test_small_cells_that_together_reach_k_need_no_company() -> None:
    cells = k_suppress_complementary(
        [(("a",), "day", 6), (("b",), "day", 5), (("c",), "day", 11), (("d",), "day", 30)], k=10
    )

    assert [c.count for c in cells] == [None, None, 11, 30]


def test_groups_are_suppressed_apart_and_ungrouped_cells_alone() -> None:
    cells = k_suppress_complementary(
        [
            (("browser", "Chrome"), "browser", 12),
            (("browser", "Opera"), "browser", 1),
            (("platform", "Windows"), "platform", 13),
            (("state", "FL"), None, 12),
            (("state", "TX"), None, 1),
        ],
        k=10,
    )

    assert [(c.key, c.count) for c in cells] == [
        (("browser", "Chrome"), None),
        (("browser", "Opera"), None),
        (("platform", "Windows"), 13),
        (("state", "FL"), 12),
        (("state", "TX"), None),
    ]


def test_a_cell_of_zero_still_counts_as_suppressed() -> None:
    cells = k_suppress_complementary([(("a",), "g", 0), (("b",), "g", 25)], k=10)

    assert [c.count for c in cells] == [None, None]


def test_k_below_two_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        k_suppress_complementary([(("a",), "g", 5)], k=1)


_groups = st.lists(
    st.tuples(st.sampled_from(["g1", "g2", "g3"]), st.integers(min_value=0, max_value=60)),
    max_size=25,
)


@pytest.mark.promise("P16")
@settings(deadline=None, derandomize=True)
@given(rows=_groups, k=st.integers(min_value=2, max_value=20))
def test_every_group_with_a_blank_hides_at_least_k_or_everything(
    rows: list[tuple[str, int]], k: int
) -> None:
    cells = k_suppress_complementary(
        [((n,), group, count) for n, (group, count) in enumerate(rows)], k=k
    )

    for group in {g for g, _c in rows}:
        members = [
            (cell, count) for cell, (g, count) in zip(cells, rows, strict=True) if g == group
        ]
        blanked = [count for cell, count in members if cell.suppressed]
        shown = [cell.count for cell, _count in members if not cell.suppressed]
        assert all(count is not None and count >= k for count in shown)
        assert not blanked or sum(blanked) >= k or not shown
        assert [cell.count for cell, count in members if not cell.suppressed] == [
            count for cell, count in members if not cell.suppressed
        ]

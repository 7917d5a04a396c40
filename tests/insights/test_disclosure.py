"""Disclosure control: small cells hidden, and no suppressed value recoverable from a published table."""

import itertools
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insights.disclosure import SECONDARY, SUPPRESSED, protect, round_total, total_bounds

HYPOTHESIS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

small_counts = st.one_of(st.integers(0, 6), st.integers(0, 40))


@st.composite
def tables(draw, max_rows=4, max_cols=4):
    rows = draw(st.integers(1, max_rows))
    cols = draw(st.integers(1, max_cols))
    return [[draw(small_counts) for _ in range(cols)] for _ in range(rows)]


def publish(values):
    return protect(values, [f"r{i}" for i in range(len(values))], [f"c{j}" for j in range(len(values[0]))])


def domain(symbol, cap):
    """What an attacker knows of a cell from its symbol, capped for enumeration."""
    if symbol == SUPPRESSED:
        return range(0, 5)
    if symbol == SECONDARY:
        return range(5, cap + 1)
    return range(symbol, symbol + 1)


def constraints(table):
    """(coefficient per cell, low, high) for every published total."""
    n_rows, n_cols = len(table.cells), len(table.column_labels)
    found = []
    for i, total in enumerate(table.row_totals):
        if total is not None:
            found.append(({(i, j): 1 for j in range(n_cols)}, *total_bounds(total)))
    for j, total in enumerate(table.column_totals):
        if total is not None:
            found.append(({(i, j): 1 for i in range(n_rows)}, *total_bounds(total)))
    if table.grand_total is not None:
        found.append(({(i, j): 1 for i in range(n_rows) for j in range(n_cols)}, *total_bounds(table.grand_total)))
    return found


def combination_attack(table, values):
    """Every combination of totals with coefficients -1, 0, 1: the interval each one gives a suppressed cell."""
    base = constraints(table)
    hidden = [(i, j) for i, row in enumerate(table.cells) for j, cell in enumerate(row) if isinstance(cell, str)]
    cap = 10**6
    for coefficients in itertools.product((-1, 0, 1), repeat=len(base)):
        combined, low, high = {}, 0, 0
        for k, (cells, lo, hi) in zip(coefficients, base, strict=True):
            if k == 0:
                continue
            for cell, c in cells.items():
                combined[cell] = combined.get(cell, 0) + k * c
            low, high = (low + lo, high + hi) if k > 0 else (low - hi, high - lo)
        for target in hidden:
            a = combined.get(target, 0)
            if a == 0:
                continue
            rest_low, rest_high = low, high
            for cell, c in combined.items():
                if cell == target or c == 0:
                    continue
                d = domain(table.cells[cell[0]][cell[1]], cap)
                span = (c * d.start, c * (d.stop - 1))
                rest_low -= max(span)
                rest_high -= min(span)
            bounds = sorted((rest_low / a, rest_high / a))
            d = domain(table.cells[target[0]][target[1]], cap)
            lowest, highest = max(math.ceil(bounds[0]), d.start), min(math.floor(bounds[1]), d.stop - 1)
            assert lowest <= values[target[0]][target[1]] <= highest
            assert lowest < highest, f"cell {target} pinned to {lowest} by combination {coefficients}"


def exhaustive_attack(table, values):
    """Every table consistent with what was published: each suppressed cell must have two possible values."""
    hidden = [(i, j) for i, row in enumerate(table.cells) for j, cell in enumerate(row) if isinstance(cell, str)]
    cap = max(max(row) for row in values) + 10
    domains = [domain(table.cells[i][j], cap) for i, j in hidden]
    if math.prod(len(d) for d in domains) > 50_000:
        return
    seen = {cell: set() for cell in hidden}
    for guess in itertools.product(*domains):
        trial = [[c if not isinstance(c, str) else None for c in row] for row in table.cells]
        for (i, j), v in zip(hidden, guess, strict=True):
            trial[i][j] = v
        if all(lo <= sum(trial[i][j] for i, j in cells) <= hi for cells, lo, hi in constraints(table)):
            for cell, v in zip(hidden, guess, strict=True):
                seen[cell].add(v)
    for cell, possible in seen.items():
        assert values[cell[0]][cell[1]] in possible
        assert len(possible) > 1, f"cell {cell} pinned to {possible}"


def test_small_cells_are_shown_as_under_five():
    table = publish([[3, 40], [50, 60]])
    assert table.cells[0][0] == SUPPRESSED


def test_zero_is_suppressed_too():
    table = publish([[0, 40, 7], [50, 60, 70], [9, 8, 30]])
    assert table.cells[0][0] == SUPPRESSED


def test_a_lone_suppressed_cell_gets_a_partner_in_its_row_and_column():
    table = publish([[2, 40, 7], [50, 60, 70], [9, 8, 30]])
    assert table.cells[0][2] == SECONDARY and table.cells[2][0] == SECONDARY


def test_totals_are_rounded_to_five():
    table = publish([[12, 40], [50, 61]])
    assert (table.row_totals, table.column_totals, table.grand_total) == ([50, 110], [60, 100], 165)


@pytest.mark.parametrize(("value", "rounded"), [(0, 0), (2, 0), (3, 5), (7, 5), (8, 10), (12, 10)])
def test_round_total(value, rounded):
    assert round_total(value) == rounded


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        publish([[-1, 5]])


@HYPOTHESIS
@given(tables())
def test_every_cell_under_five_is_suppressed(values):
    table = publish(values)
    assert all(
        isinstance(cell, str)
        for row, vrow in zip(table.cells, values, strict=True)
        for cell, v in zip(row, vrow, strict=True)
        if v < 5
    )


@HYPOTHESIS
@given(tables())
def test_no_row_or_column_has_a_single_suppressed_cell_beside_a_published_total(values):
    table = publish(values)
    for i, row in enumerate(table.cells):
        if table.row_totals[i] is not None:
            assert sum(isinstance(c, str) for c in row) != 1
    for j in range(len(table.column_labels)):
        if table.column_totals[j] is not None:
            assert sum(isinstance(row[j], str) for row in table.cells) != 1


@HYPOTHESIS
@given(tables(max_rows=3, max_cols=3))
def test_no_linear_combination_of_totals_pins_a_suppressed_cell(values):
    combination_attack(publish(values), values)


@HYPOTHESIS
@given(tables(max_rows=3, max_cols=3))
def test_no_consistent_table_search_pins_a_suppressed_cell(values):
    exhaustive_attack(publish(values), values)


@HYPOTHESIS
@given(tables(max_rows=6, max_cols=6))
def test_row_and_column_differencing_never_pins_a_suppressed_cell_in_larger_tables(values):
    table = publish(values)
    for i, row in enumerate(table.cells):
        hidden = [c for c in row if isinstance(c, str)]
        if len(hidden) == 1 and table.row_totals[i] is not None:
            pytest.fail(f"row {i} has one suppressed cell and a total")
    combination_attack_rows_columns(table, values)


def combination_attack_rows_columns(table, values):
    """Totals minus published cells, one line at a time."""
    for cells, lo, hi in constraints(table):
        hidden = [cell for cell in cells if isinstance(table.cells[cell[0]][cell[1]], str)]
        if len(hidden) == 1:
            published = sum(table.cells[i][j] for i, j in cells if (i, j) not in hidden)
            assert hi - published > lo - published

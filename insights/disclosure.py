"""Disclosure control: the one place that turns counts into figures anyone may see.

Rules, applied to a table of counts with row, column and grand totals:

1. Primary suppression: every cell under 5 is shown as "<5". Zero is suppressed too (shown as
   "<5"), the safer choice: a published 0 next to a "<5" narrows what the "<5" can be, and
   "nobody in this area" is itself sensitive in small communities.
2. Secondary suppression: any row or column with exactly one suppressed cell has its smallest
   other cell suppressed as well (shown as "c"), repeated until no row or column has a single
   suppressed cell. A line with no other cell to suppress has its total withheld instead.
3. Totals are rounded to the nearest 5 (halves up), so they need not equal the sum of the
   published cells.
4. Audit: for every suppressed cell we check, exactly, whether the published cells, the rounded
   totals and what anyone knows of the rules ("<5" is 0 to 4, "c" is 5 or more) allow more than
   one value. Row, column and grand totals form a network flow, so the integer and linear
   programmes coincide and a max-flow feasibility check answers it. If a value is pinned down,
   one more cell (the next smallest in its row or column) is suppressed, or failing that the
   totals of its lines are withheld, until nothing is pinned.
"""

from collections import deque
from dataclasses import dataclass, field

THRESHOLD = 5
ROUND_TO = 5
SUPPRESSED = "<5"
SECONDARY = "c"
WITHHELD = "c"
PRIMARY_KIND, SECONDARY_KIND = "primary", "secondary"
INFINITY = 10**12


def round_total(value, base=ROUND_TO):
    """Round to the nearest multiple of `base`, halves up."""
    return base * ((value + base // 2) // base) if base > 1 else value


def total_bounds(rounded, base=ROUND_TO):
    """The true totals that round to `rounded`."""
    half = base // 2
    return max(0, rounded - half), rounded + (base - 1 - half)


@dataclass
class PublishedTable:
    """A table as published: cells are ints or a symbol; totals are rounded ints or None if withheld."""

    row_labels: list
    column_labels: list
    cells: list
    row_totals: list
    column_totals: list
    grand_total: int | None
    suppressed: dict = field(default_factory=dict)

    @property
    def has_suppression(self):
        return bool(self.suppressed)

    def rows(self):
        """[(label, [cell, ...], total)] for templates and CSV."""
        return [
            (label, cells, total)
            for label, cells, total in zip(self.row_labels, self.cells, self.row_totals, strict=True)
        ]

    def as_csv_rows(self, corner=""):
        """The table exactly as published, header first, with totals; withheld totals shown as "c"."""

        def show(value):
            return WITHHELD if value is None else value

        rows = [[corner, *self.column_labels, "Total"]]
        for label, cells, total in self.rows():
            rows.append([label, *cells, show(total)])
        rows.append(["Total", *[show(t) for t in self.column_totals], show(self.grand_total)])
        return rows


def _bounds(kind, value):
    """What anyone can tell about a cell from how it is published."""
    if kind == PRIMARY_KIND:
        return 0, THRESHOLD - 1
    if kind == SECONDARY_KIND:
        return THRESHOLD, INFINITY
    return value, value


class _FlowNetwork:
    """Integer max flow (Edmonds-Karp) for the feasibility check of a circulation with bounds."""

    def __init__(self, size):
        self.graph = [[] for _ in range(size)]

    def add_edge(self, u, v, capacity):
        self.graph[u].append([v, capacity, len(self.graph[v])])
        self.graph[v].append([u, 0, len(self.graph[u]) - 1])

    def max_flow(self, source, sink):
        flow = 0
        while True:
            parent = [None] * len(self.graph)
            parent[source] = (source, -1)
            queue = deque([source])
            while queue and parent[sink] is None:
                u = queue.popleft()
                for index, (v, capacity, _rev) in enumerate(self.graph[u]):
                    if capacity > 0 and parent[v] is None:
                        parent[v] = (u, index)
                        queue.append(v)
            if parent[sink] is None:
                return flow
            push, v = INFINITY * 10, sink
            while v != source:
                u, index = parent[v]
                push = min(push, self.graph[u][index][1])
                v = u
            v = sink
            while v != source:
                u, index = parent[v]
                edge = self.graph[u][index]
                edge[1] -= push
                self.graph[v][edge[2]][1] += push
                v = u
            flow += push


def _feasible(n_rows, n_cols, cell_bounds, row_bounds, col_bounds, grand_bounds):
    """True if some table of non-negative integers fits every bound (a circulation with lower bounds)."""
    source, sink = n_rows + n_cols, n_rows + n_cols + 1
    super_source, super_sink = sink + 1, sink + 2
    network = _FlowNetwork(sink + 3)
    excess = [0] * (sink + 1)
    edges = [(source, i, *row_bounds[i]) for i in range(n_rows)]
    edges += [(n_rows + j, sink, *col_bounds[j]) for j in range(n_cols)]
    edges += [(i, n_rows + j, *cell_bounds[i][j]) for i in range(n_rows) for j in range(n_cols)]
    edges.append((sink, source, *grand_bounds))
    for u, v, low, high in edges:
        if low > high:
            return False
        network.add_edge(u, v, high - low)
        excess[v] += low
        excess[u] -= low
    needed = 0
    for node, amount in enumerate(excess):
        if amount > 0:
            network.add_edge(super_source, node, amount)
            needed += amount
        elif amount < 0:
            network.add_edge(node, super_sink, -amount)
    return network.max_flow(super_source, super_sink) == needed


def pinned_cells(values, kinds, row_totals, column_totals, grand_total):
    """Suppressed cells whose value the published table determines exactly."""
    n_rows, n_cols = len(values), len(values[0]) if values else 0
    row_bounds = [total_bounds(t) if t is not None else (0, INFINITY) for t in row_totals]
    col_bounds = [total_bounds(t) if t is not None else (0, INFINITY) for t in column_totals]
    grand_bounds = total_bounds(grand_total) if grand_total is not None else (0, INFINITY)
    base = [[_bounds(kinds.get((i, j)), values[i][j]) for j in range(n_cols)] for i in range(n_rows)]
    pinned = []
    for (i, j), _kind in sorted(kinds.items()):
        low, high = base[i][j]
        value = values[i][j]
        alternatives = []
        if value - 1 >= low:
            alternatives.append((low, value - 1))
        if value + 1 <= high:
            alternatives.append((value + 1, high))
        escaped = False
        for alternative in alternatives:
            trial = [row[:] for row in base]
            trial[i][j] = alternative
            if _feasible(n_rows, n_cols, trial, row_bounds, col_bounds, grand_bounds):
                escaped = True
                break
        if not escaped:
            pinned.append((i, j))
    return pinned


def _lines(n_rows, n_cols):
    return [[(i, j) for j in range(n_cols)] for i in range(n_rows)] + [
        [(i, j) for i in range(n_rows)] for j in range(n_cols)
    ]


def _suppress_next_smallest(values, kinds, line):
    """Suppress the smallest unsuppressed cell of a line; False if there is none."""
    candidates = [cell for cell in line if cell not in kinds]
    if not candidates:
        return False
    cell = min(candidates, key=lambda c: (values[c[0]][c[1]], c))
    kinds[cell] = SECONDARY_KIND
    return True


def protect(values, row_labels, column_labels):
    """Publish a table of non-negative integer counts with suppression and rounded totals."""
    values = [[int(v) for v in row] for row in values]
    n_rows, n_cols = len(values), len(column_labels)
    if any(v < 0 for row in values for v in row):
        raise ValueError("Counts cannot be negative.")
    kinds = {(i, j): PRIMARY_KIND for i in range(n_rows) for j in range(n_cols) if values[i][j] < THRESHOLD}
    withheld = set()  # ("row", i), ("column", j), ("grand", 0)
    lines = _lines(n_rows, n_cols)
    line_keys = [("row", i) for i in range(n_rows)] + [("column", j) for j in range(n_cols)]

    changed = True
    while changed:
        changed = False
        for key, line in zip(line_keys, lines, strict=True):
            if sum(1 for cell in line if cell in kinds) == 1 and key not in withheld:
                if not _suppress_next_smallest(values, kinds, line):
                    withheld.add(key)
                changed = True
        if changed:
            continue
        totals = _totals(values, withheld)
        for i, j in pinned_cells(values, kinds, *totals):
            if _suppress_next_smallest(values, kinds, lines[i]) or _suppress_next_smallest(
                values, kinds, lines[n_rows + j]
            ):
                changed = True
            elif not {("row", i), ("column", j)} <= withheld:
                withheld.update({("row", i), ("column", j)})
                changed = True
            elif ("grand", 0) not in withheld:
                withheld.add(("grand", 0))
                changed = True
            break
    row_totals, column_totals, grand_total = _totals(values, withheld)
    symbols = {PRIMARY_KIND: SUPPRESSED, SECONDARY_KIND: SECONDARY}
    cells = [[symbols.get(kinds.get((i, j)), values[i][j]) for j in range(n_cols)] for i in range(n_rows)]
    return PublishedTable(
        row_labels=list(row_labels),
        column_labels=list(column_labels),
        cells=cells,
        row_totals=row_totals,
        column_totals=column_totals,
        grand_total=grand_total,
        suppressed=dict(kinds),
    )


def _totals(values, withheld):
    """Rounded row, column and grand totals; None where withheld."""
    n_rows = len(values)
    n_cols = len(values[0]) if values else 0
    row_totals = [None if ("row", i) in withheld else round_total(sum(values[i])) for i in range(n_rows)]
    column_totals = [
        None if ("column", j) in withheld else round_total(sum(values[i][j] for i in range(n_rows)))
        for j in range(n_cols)
    ]
    grand = None if ("grand", 0) in withheld else round_total(sum(sum(row) for row in values))
    return row_totals, column_totals, grand

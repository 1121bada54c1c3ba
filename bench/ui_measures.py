"""Client measures for bench/run.py: the enterprise list through its presenter in a real Tk
window (needs a display: run the bench under ``xvfb-run``).

- first page: constructing the list view (query, count, rows into the Treeview, drawn) —
  bound 1 s;
- each keystroke: typing queries one character at a time, each keystroke's search, count and
  Treeview refresh until the window has redrawn — bound 150 ms (95th percentile).
Baseline: the same keystrokes answered by a bare ``LIKE '%…%'`` query feeding the same
Treeview (what a naive list would do), so the ratio shows what the indexes buy.
"""

import os
import statistics
import time

FIRST_PAGE_BOUND_S = 1.0
KEYSTROKE_BOUND_MS = 150.0
TYPED = ("dlkj", "大连海", "huaxin", "9121021", "科技有限", "hx", "大连市")


def _registry(ctx):
    from gjz_registry import reference as ref
    from gjz_registry.registry import Registry
    from gjz_registry.services.base import Actor

    return Registry(ctx.db, None, Actor(label="bench", role=ref.ROLE_ADMIN, display_name="bench"))


def _row(measure, value, unit, baseline, bound, ok):
    ratio = value / baseline if baseline else None
    return dict(
        measure=measure, value=value, unit=unit, baseline=baseline, ratio=ratio, bound=bound, ok=ok
    )


def measure_enterprise_list(ctx):
    if not os.environ.get("DISPLAY"):
        return [
            _row(
                "client: enterprise list (no DISPLAY: run under xvfb-run)",
                None,
                "s",
                None,
                "needs a display",
                False,
            )
        ]
    import tkinter as tk

    from ui import theme
    from ui.views.enterprises import EnterpriseListView

    root = tk.Tk()
    root.geometry("1280x800+0+0")
    theme.apply(root)
    registry = _registry(ctx)
    try:
        started = time.perf_counter()
        view = EnterpriseListView(root, registry)
        view.pack(fill="both", expand=True)
        root.update()
        first_page = time.perf_counter() - started

        ours = []
        for text in TYPED:
            for end in range(1, len(text) + 1):
                started = time.perf_counter()
                view.presenter.set_text(text[:end])
                root.update()
                ours.append((time.perf_counter() - started) * 1000)
            view.presenter.set_text("")
        raw = ctx.db.connection()
        naive = []
        for text in TYPED:
            for end in range(1, len(text) + 1):
                q = text[:end]
                started = time.perf_counter()
                rows = raw.execute(
                    "SELECT id, name, credit_code FROM enterprise WHERE name LIKE ? OR"
                    " name_initials LIKE ? OR credit_code LIKE ? ORDER BY name_pinyin LIMIT 100",
                    (f"%{q}%", f"%{q.lower()}%", f"{q}%"),
                ).fetchall()
                raw.execute(
                    "SELECT COUNT(*) FROM enterprise WHERE name LIKE ? OR name_initials LIKE ?"
                    " OR credit_code LIKE ?",
                    (f"%{q}%", f"%{q.lower()}%", f"{q}%"),
                ).fetchone()
                view.table.set_rows([(r[0], (r[1], r[2])) for r in rows])
                root.update()
                naive.append((time.perf_counter() - started) * 1000)
        p95 = sorted(ours)[int(0.95 * (len(ours) - 1))]
        base95 = sorted(naive)[int(0.95 * (len(naive) - 1))]
        return [
            _row(
                f"client: first page of {ctx.enterprises} enterprises",
                first_page,
                "s",
                None,
                f"< {FIRST_PAGE_BOUND_S:g} s",
                first_page < FIRST_PAGE_BOUND_S,
            ),
            _row(
                f"client: keystroke to redrawn list ({len(ours)} keys) p95",
                p95,
                "ms",
                base95,
                f"< {KEYSTROKE_BOUND_MS:g} ms",
                p95 < KEYSTROKE_BOUND_MS,
            ),
            _row(
                "client: keystroke median",
                statistics.median(ours),
                "ms",
                statistics.median(naive),
                "(info)",
                True,
            ),
        ]
    finally:
        root.destroy()


MEASURES = [measure_enterprise_list]

"""A 50 000-row import runs in the worker while the Tk loop keeps ticking; 取消 leaves the
database exactly as it was.

A 50 ms repeating ``after`` callback counts the loop's turns from the moment the file is
chosen until the cancelled import has reported back.  Only the "the loop kept running"
property is asserted (many ticks, no gap near a second), never a duration.
"""

import time

import pytest

from tests.exchange.importing import content
from tests.ui.exchange_files import big_workbook, finish, pump
from ui import theme
from ui.wizard.window import ImportWizard

ROWS = 50_000
TICK_MS = 50
MAX_GAP_S = 1.0


@pytest.fixture(scope="session")
def big_file(tmp_path_factory):
    """The 50 000-row workbook, written once per session (XlsxWriter is fast)."""
    return big_workbook(tmp_path_factory.mktemp("big") / "五万行.xlsx", ROWS)


def test_a_big_import_keeps_the_window_alive_and_cancel_writes_nothing(
    tk_root, admin, db_path, big_file
):
    theme.apply(tk_root)
    tk_root.deiconify()
    count_before = admin.enterprises.list().total
    before = content(db_path)
    ticks = []

    def tick():
        ticks.append(time.monotonic())
        tk_root.after(TICK_MS, tick)

    wizard = ImportWizard(tk_root, admin)
    p = wizard.presenter
    tick()
    wizard.steps["file"].choose(str(big_file))
    finish(tk_root, p.worker, timeout=300)
    assert p.preview.total_rows == ROWS
    p.go("options")
    wizard.steps["options"].policy_buttons["update"].invoke()  # an administrator chooses
    wizard.next_button.invoke()  # 开始导入
    running = wizard.steps["running"]
    # let it work through a few chunks, then press 取消
    pump(tk_root, lambda: running.bar["value"] >= 2000, timeout=300)
    assert 0 < running.bar["value"] < ROWS
    assert "已处理" in running.count.cget("text")
    wizard.cancel_button.invoke()
    assert "正在取消" in running.label.cget("text")
    finish(tk_root, p.worker, timeout=300)
    stop = time.monotonic()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])] + [stop - ticks[-1]]

    assert p.cancelled and p.step == "result" and p.result is None
    assert "没有写入任何数据" in wizard.steps["result"].status.cget("text")
    assert len(ticks) >= 20, f"the Tk loop ticked only {len(ticks)} times"
    assert max(gaps) < MAX_GAP_S, f"the Tk loop stalled for {max(gaps):.2f} s"
    assert admin.enterprises.list().total == count_before == 0
    assert content(db_path) == before
    assert admin.exchange.batches() == []
    wizard.close_button.invoke()

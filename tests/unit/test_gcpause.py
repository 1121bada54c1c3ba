"""The cyclic collector is off while an import runs and comes back as it was (gcpause)."""

import gc
import threading

from gjz_registry import gcpause
from tests.exchange import workbooks as W
from tests.exchange.importing import plain_rows


def test_an_import_runs_with_the_collector_off_and_restores_it(admin, tmp_path):
    path = W.write_openpyxl(tmp_path / "企业.xlsx", plain_rows(3))
    seen = []
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            result = admin.exchange.import_file(
                path, dry_run=True, progress=lambda done, total: seen.append(gc.isenabled())
            )
            assert result.created == 3
            assert gc.isenabled() is enabled  # as it was before the import
        finally:
            gc.enable()
    assert seen and not any(seen)


def test_overlapping_jobs_keep_it_off_until_the_last_one_ends():
    gc.enable()
    first_in, second_done, states = threading.Event(), threading.Event(), []

    def first():
        with gcpause.paused():
            first_in.set()
            second_done.wait(10)
            states.append(gc.isenabled())  # the second job ended: still off for this one

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with gcpause.paused():
        states.append(gc.isenabled())
    second_done.set()
    thread.join(10)
    assert states == [False, False] and gc.isenabled()

"""Regenerate the client's screenshots in docs/screenshots/ (the README shows them).

    python3 scripts/screenshots.py [--user dalianwan] [--out docs/screenshots]

Runs under Xvfb: without a DISPLAY it re-executes itself through ``xvfb-run`` (or starts
``Xvfb`` on a free display when only that is installed).  It builds the demo database in a
temporary data directory (GJZ_DATA_DIR), logs in as a demo account (a street clerk by
default), opens each main screen in a 1280×800 window and saves only that window, captured
with ImageMagick's ``import -window <id>`` (Pillow crops the whole screen when ``import`` is
missing).  Nothing in the user's own data directory is touched.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCREEN = "1600x1000x24"
SIZE = (1280, 800)
PASSWORDS = {"admin": "admin123", "viewer": "viewer123"}  # street accounts: street123


def ensure_display():
    """Re-run this script under a virtual X server when there is no DISPLAY; returns the
    Xvfb process we started ourselves (or None)."""
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("xvfb-run") and not os.environ.get("GJZ_SCREENSHOTS_REEXEC"):
        env = dict(os.environ, GJZ_SCREENSHOTS_REEXEC="1")
        command = ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", sys.executable, *sys.argv]
        sys.exit(subprocess.call(command, env=env))
    if not shutil.which("Xvfb"):
        sys.exit("需要 Xvfb（apt-get install xvfb）才能在无显示器的环境中截图")
    for number in range(88, 120):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}"):
            break
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", SCREEN, "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.environ["DISPLAY"] = f":{number}"
    for _ in range(50):
        if os.path.exists(f"/tmp/.X11-unix/X{number}"):
            break
        time.sleep(0.1)
    return server


def settle(root, seconds=0.4):
    """Let Tk draw everything (and the X server catch up) before a capture."""
    end = time.time() + seconds
    while time.time() < end:
        root.update()
        time.sleep(0.05)


def outer_box(window):
    """(x, y, width, height) of ``window`` on the screen, menu bar included.

    Without a window manager Tk puts a toplevel's menu bar above its client area, in a
    wrapper window that ``winfo`` does not report: the wrapper starts where ``wm geometry``
    says, the client area at ``winfo_rooty``.
    """
    window.update_idletasks()
    top = int(window.wm_geometry().split("+")[2])
    x, y = window.winfo_rootx(), window.winfo_rooty()
    return x, min(top, y), window.winfo_width(), y + window.winfo_height() - min(top, y)


def capture(root, window, path):
    """Save ``window`` (a Tk toplevel, with its menu bar) as the PNG ``path``."""
    settle(root)
    x, y, width, height = outer_box(window)
    if shutil.which("import"):
        subprocess.run(
            ["import", "-window", "root", "-crop", f"{width}x{height}+{x}+{y}", "+repage", path],
            check=True,
        )
    else:
        from PIL import ImageGrab

        box = (x, y, x + width, y + height)
        ImageGrab.grab(bbox=box, xdisplay=os.environ["DISPLAY"]).save(path)
    shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    print(f"已保存 {shown}（{width}×{height}）")


def size_whole_window(root, width, height):
    """Give the main window ``width``×``height`` on screen, its menu bar included."""
    root.geometry(f"{width}x{height}+0+0")
    settle(root, 0.2)
    menu = root.winfo_rooty() - int(root.wm_geometry().split("+")[2])
    root.geometry(f"{width}x{height - max(0, menu)}+0+0")


def pick(items, test):
    return next((item for item in items if test(item)), items[0] if items else None)


def main(argv=None):
    parser = argparse.ArgumentParser(description="重新生成 docs/screenshots/ 中的界面截图")
    parser.add_argument("--user", default="dalianwan", help="演示账户（默认 dalianwan）")
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    server = ensure_display()
    data = tempfile.mkdtemp(prefix="gjz-screens-")
    os.environ["GJZ_DATA_DIR"] = data
    sys.path.insert(0, str(REPO))
    try:
        shoot(args.user, Path(args.out).resolve(), data)
    finally:
        shutil.rmtree(data, ignore_errors=True)
        if server is not None:
            server.terminate()
            server.wait()


def shoot(username, out, data):
    import tkinter as tk

    from gjz_registry.demo_accounts import describe, open_demo
    from ui import errors, theme
    from ui.dialogs.login import LoginDialog
    from ui.main_window import MainWindow
    from ui.views import catalogue
    from ui.views.carrier_form import CarrierWindow
    from ui.views.enterprise_form import EnterpriseWindow

    out.mkdir(parents=True, exist_ok=True)
    registry = open_demo(os.path.join(data, "demo.db"))
    password = PASSWORDS.get(username, "street123")
    root = tk.Tk()
    root.withdraw()
    theme.apply(root)
    errors.install(root)
    try:
        login = LoginDialog(root, registry.login, describe(), username=username, _utest=True)
        login.password.insert(0, password)
        capture(root, login, out / "login.png")
        login.ok()
        user = login.result

        root.deiconify()
        window = MainWindow(root, user, catalogue.Views(user), demo=True)
        size_whole_window(root, *SIZE)
        for key, name in (
            ("enterprises", "enterprises.png"),
            ("carriers", "carriers.png"),
            ("chain", "chain.png"),
            ("qualifications", "qualifications.png"),
        ):
            window.show(key)
            if key == "chain":
                window.view().select("candidates")
            capture(root, root, out / name)

        window.show("enterprises")
        residents = user.incubation.residents()
        with_quals = {q.enterprise_id for q in user.qualifications.expiring(3650)}
        chosen = pick(residents, lambda r: r.enterprise_id in with_quals)
        form = EnterpriseWindow(root, user, chosen.enterprise_id, _utest=True)
        form.geometry("+60+40")
        capture(root, form, out / "enterprise-form.png")
        form.destroy()

        carriers = user.carriers.list(limit=1000).items
        own = pick(carriers, lambda c: c.street == user.actor.street and c.residents)
        carrier_form = CarrierWindow(root, user, own.id, _utest=True)
        carrier_form.geometry("+60+40")
        capture(root, carrier_form, out / "carrier-form.png")
        carrier_form.notebook.select(1)
        capture(root, carrier_form, out / "carrier-residents.png")
        carrier_form.destroy()
        shoot_exchange_screens(root, user, out, window, data)
        shoot_plan_screens(root, registry, out, window)
        # last, as the administrator (更正/撤回 shown): it changes one enterprise's chain
        shoot_chain_history(root, registry.login("admin", PASSWORDS["admin"]), out)
    finally:
        root.destroy()
        registry.close()


NEWCOMERS = (
    "大连湾海创智能装备有限公司",
    "大连蓝港生物科技有限公司",
    "大连北岸新材料科技有限公司",
    "大连金湾数据服务有限公司",
    "大连临港氢能科技有限公司",
)


def new_code(number):
    """A valid credit code of 甘井子区 that the demo data does not use."""
    from gjz_registry.validators import credit_check_char

    first17 = f"91210211MA{number:07d}"
    return first17 + credit_check_char(first17)


def messy_copy(user, folder):
    """A workbook as a street office sends it, made from the account's own enterprises: a
    merged title row, headers in other words, an extra column, a few bad cells and new
    figures (注册资本, 从业人员) for two registered enterprises."""
    import openpyxl

    clean = os.path.join(folder, "企业信息.xlsx")
    user.exchange.export("enterprises", clean)
    rows = list(openpyxl.load_workbook(clean)["企业信息"].iter_rows(values_only=True))[:41]
    synonyms = {"企业名称": "单位名称", "统一社会信用代码": "信用代码", "所属街道": "街道"}
    book = openpyxl.Workbook()
    sheet = book.active
    width = len(rows[0]) + 1
    sheet.append(["甘井子区科技企业名单（街道报送）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.append([synonyms.get(h, h) for h in rows[0]] + ["联系人邮箱"])
    newcomers = iter(NEWCOMERS)
    capital, staff = rows[0].index("注册资本(万元)"), rows[0].index("从业人员")
    for n, row in enumerate(rows[1:], start=1):
        row = list(row) + [None]
        if n in (1, 4):  # this year's figures of an enterprise the registry knows
            row[capital] = float(row[capital] or 0) + 10 * n
            row[staff] = int(row[staff] or 0) + n
        if n in (2, 5, 7, 10, 11):  # enterprises the registry does not know yet
            row[1] = next(newcomers)
            row[2] = new_code(880000 + n)
        if n == 3:
            row[2] = row[2][:-1] + ("X" if row[2][-1] != "X" else "Y")  # wrong check character
        if n == 6:
            row[3] = "火星街道"
        if n == 9:
            row[2] = 912102117000001234.0  # typed as a number: digits lost
        sheet.append(row)
    path = os.path.join(folder, "大连湾街道报送名单.xlsx")
    book.save(path)
    return path


def shoot_exchange_screens(root, user, out, window, data):
    """import-preview.png (the import wizard's preview of a messy workbook under 更新: bad
    rows flagged, a registered enterprise's changed fields old → new, that row selected) and
    reports.png (报表证书)."""
    from ui.wizard.window import ImportWizard

    window.show("exchange")
    wizard = ImportWizard(root, user, path=messy_copy(user, data))
    wizard.geometry("+60+40")
    presenter = wizard.presenter
    end = time.time() + 60
    while presenter.preview is None and time.time() < end:
        root.update()
        time.sleep(0.05)
    presenter.on_conflict = "update"  # the clerk chose 更新 and looks at what it changes
    presenter.go("preview")
    while presenter.step != "preview" and time.time() < end:
        root.update()
        time.sleep(0.05)
    changed = [row.number for row in presenter.preview.rows if row.changes]
    if changed:
        wizard.steps["preview"].tree.selection_set(str(changed[0]))
    capture(root, wizard, out / "import-preview.png")
    presenter.close()
    wizard.destroy()
    window.show("reports")
    capture(root, root, out / "reports.png")


RETURN_REASON = "项目转型，回苗圃重新孵化"


def shoot_chain_history(root, user, out):
    """chain-history.png: the 孵化历程 tab of an enterprise that was promoted and has now gone
    back to a makerspace — the 退回 row with its reason."""
    from gjz_registry import RegistryError
    from gjz_registry import reference as ref
    from ui.views.enterprise_form import EnterpriseWindow

    for resident in user.incubation.residents():
        if resident.stage == ref.STAGE_MAKERSPACE:
            continue
        if len(user.incubation.history(resident.enterprise_id)) < 2:
            continue  # one with a promotion before shows the whole story
        earlier = [
            c
            for c in user.carriers.choices(exclude_id=resident.carrier_id)
            if ref.STAGES.index(c.stage) < ref.STAGES.index(resident.stage)
        ]
        try:
            user.incubation.move(resident.enterprise_id, earlier[0].id, reason=RETURN_REASON)
        except (IndexError, RegistryError):
            continue
        break
    else:
        return
    form = EnterpriseWindow(root, user, resident.enterprise_id, _utest=True)
    form.geometry("+60+40")
    form.notebook.select(form.tabs["history"])
    capture(root, form, out / "chain-history.png")
    form.destroy()


def shoot_plan_screens(root, registry, out, window=None):
    """dashboard.png, targets.png and system.png, as the district administrator (the
    district-wide figures, the entry buttons and every 系统 tab).  ``window``, the main window
    of the account shown so far, is hidden meanwhile and put back afterwards."""
    from ui.main_window import MainWindow
    from ui.views import catalogue

    if window is not None:
        window.pack_forget()
    admin = registry.login("admin", PASSWORDS["admin"])
    plan = MainWindow(root, admin, catalogue.Views(admin), demo=True)
    size_whole_window(root, *SIZE)
    plan.show("home")
    capture(root, root, out / "dashboard.png")
    plan.show("targets")
    view = plan.view()
    high_tech = [r for r in view.presenter.progress.rows if r.measure == "valid_high_tech"]
    if high_tech:  # its source and definition show under the table
        view.tables["main"].select(high_tech[0].target_id)
    capture(root, root, out / "targets.png")
    plan.show("system")
    plan.view().select("reference")
    capture(root, root, out / "system.png")
    plan.destroy()
    if window is not None:
        window.pack(fill="both", expand=True)
        root.configure(menu=window.menubar)


if __name__ == "__main__":
    main()

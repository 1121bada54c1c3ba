#!/bin/sh
# 甘井子区孵化链企业登记系统 @VERSION@：离线安装（Linux x86-64）
# Offline installer (Linux x86-64): creates venv/ next to this file, installs the program
# from wheels/ with no network, and writes gjz-registry.desktop (also into the applications
# menu unless GJZ_NO_MENU=1).  The data (database, backups, log) stay in the user's data
# folder, ~/.local/share/gjz-registry: installing, reinstalling or upgrading never touches it.
# PYTHON=/path/to/python3.x chooses the Python (3.10–3.13, with tkinter).
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
say() { printf '%s\n' "$@"; }
fail() {
    printf '%s\n' "$@" >&2
    exit 1
}

suitable() {
    "$1" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null
}

if [ -x "$here/venv/bin/python" ]; then
    say "使用已有的虚拟环境：$here/venv" "Using the existing virtual environment: $here/venv"
else
    python=${PYTHON:-}
    if [ -z "$python" ]; then
        for candidate in python3.13 python3.12 python3.11 python3.10 python3; do
            if command -v "$candidate" >/dev/null 2>&1 && suitable "$candidate"; then
                python=$candidate
                break
            fi
        done
    fi
    [ -n "$python" ] && suitable "$python" ||
        fail "未找到 Python 3.10–3.13，请先安装（如 sudo apt install python3 python3-venv python3-tk）。" \
            "No Python 3.10–3.13 found; install one (e.g. sudo apt install python3 python3-venv python3-tk)."
    "$python" -c 'import tkinter' 2>/dev/null ||
        fail "$python 缺少 tkinter，请安装 python3-tk（如 sudo apt install python3-tk）。" \
            "$python has no tkinter; install python3-tk (e.g. sudo apt install python3-tk)."
    say "创建虚拟环境：$here/venv" "Creating the virtual environment: $here/venv"
    "$python" -m venv "$here/venv" ||
        fail "无法创建虚拟环境，请安装 python3-venv（如 sudo apt install python3-venv）。" \
            "Cannot create the virtual environment; install python3-venv."
fi

say "安装程序（不使用网络）…" "Installing (no network)…"
PIP_CONFIG_FILE=/dev/null "$here/venv/bin/python" -m pip install --isolated \
    --disable-pip-version-check --no-input --no-index --find-links "$here/wheels" \
    -r "$here/requirements.txt" ||
    fail "安装失败，见上面的信息。" "Installation failed; see the messages above."

desktop="$here/gjz-registry.desktop"
cat >"$desktop" <<EOF
[Desktop Entry]
Type=Application
Name=甘井子区孵化链企业登记系统
Comment=科技型企业与孵化载体登记（@VERSION@）
Exec="$here/venv/bin/gjz-client"
Terminal=false
Categories=Office;
EOF
chmod +x "$desktop"
if [ "${GJZ_NO_MENU:-0}" != 1 ]; then
    menu="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
    mkdir -p "$menu" && cp "$desktop" "$menu/gjz-registry.desktop" &&
        say "已加入应用程序菜单：$menu/gjz-registry.desktop" \
            "Added to the applications menu: $menu/gjz-registry.desktop"
fi

say "安装完成。双击 $desktop 或在应用程序菜单中打开「甘井子区孵化链企业登记系统」。" \
    "Done. Start it with $desktop or from the applications menu." \
    "命令行：$here/venv/bin/gjz --help"

#!/usr/bin/env python3
"""Build the one-folder app with PyInstaller: ``python scripts/build_release.py --onefolder``.

It writes ``dist/gjz-registry-<version>-<platform>-onefolder/``: the executables ``gjz`` (the
command line) and ``gjz-client`` (the desktop client, without a console on Windows) and
``_internal/`` with Python, Tcl/Tk, the dependencies at the pinned versions
(release/constraints.txt) and the program's data (migrations, seed texts).  PyInstaller builds
for the platform it runs on: run this on Windows for the Windows app (README: 单文件夹版).

The build happens in a fresh virtual environment made from the running Python (which must
have tkinter), with PyInstaller from release/build-constraints.txt; the recipe is
release/gjz-registry.spec.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import build_release as br

SPEC = br.RELEASE / "gjz-registry.spec"
BUILD_TOOLS = br.RELEASE / "build-constraints.txt"


def platform_name():
    return "windows-x64" if sys.platform.startswith("win") else f"{sys.platform}-x86_64"


def run(command, what):
    result = subprocess.run(command, env=br.pip_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise br.BuildError(f"{what[0]}失败\n{what[1]} failed\n{result.stdout}{result.stderr}")
    return result


def build_onefolder(dist, index_url=br.PYPI):
    try:
        import tkinter  # noqa: F401
    except ImportError:
        raise br.BuildError(
            f"{sys.executable} 没有 tkinter，无法打包客户端\n"
            f"{sys.executable} has no tkinter; the client cannot be packed"
        ) from None
    version = br.version()
    final = Path(dist) / f"gjz-registry-{version}-{platform_name()}-onefolder"
    with tempfile.TemporaryDirectory(prefix="gjz-onefolder-") as scratch:
        work = Path(scratch)
        br.say("创建打包用的虚拟环境", "Creating the build environment")
        run([sys.executable, "-m", "venv", str(work / "venv")], ("创建虚拟环境", "venv"))
        scripts = "Scripts" if sys.platform.startswith("win") else "bin"
        python = str(work / "venv" / scripts / ("python.exe" if scripts == "Scripts" else "python"))
        requirements = work / "requirements.txt"
        requirements.write_text("\n".join(str(r) for r in br.install_requires()), encoding="utf-8")
        br.say("安装 PyInstaller 和依赖", "Installing PyInstaller and the dependencies")
        install = [python, "-m", "pip", "install", "--isolated", "--disable-pip-version-check"]
        install += ["--index-url", index_url, "-r", str(BUILD_TOOLS), "-r", str(requirements)]
        install += ["-c", str(br.PINS)]
        run(install, ("安装依赖", "pip install"))
        br.say("PyInstaller 打包", "Running PyInstaller")
        pack = [python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"]
        pack += ["--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)]
        run(pack, ("PyInstaller 打包", "PyInstaller"))
        if final.exists():
            shutil.rmtree(final)
        final.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(work / "dist" / "gjz-registry"), final)
    text = (br.RELEASE / "README-onefolder.txt").read_text(encoding="utf-8")
    text = text.replace("@VERSION@", version).replace("@PLATFORM@", platform_name())
    (final / "README.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8-sig"))
    return final

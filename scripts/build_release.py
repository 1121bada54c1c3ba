#!/usr/bin/env python3
"""Build the offline release bundle: ``python scripts/build_release.py [--dist DIR]``.

It writes ``dist/gjz-registry-<version>/``, everything a computer without network needs:

    install.bat, shortcut.ps1   Windows: a virtual environment next to them (``py`` launcher),
                                the programs installed from wheels/, shortcuts on the desktop
                                and in the start menu that start the client without a console
    install.sh                  Linux: the same, and a .desktop file
    requirements.txt            gjz-registry==<version> and every dependency, pinned
                                (release/constraints.txt: the versions the tests run with)
    wheels/                     the program's wheel and a wheel of every dependency for
                                Windows x64 and Linux x86-64, CPython 3.10–3.13
    README.txt                  what to double-click, where the data lives, how to upgrade

Wheels come from PyPI (``--index-url``) or from a folder of wheels (``--find-links``, no
index).  Where a dependency has no wheel for a platform and Python version, the build names
each one and stops with exit code 1, leaving no bundle: a bundle never needs the network.
Before it finishes, the build resolves the bundle's requirements from wheels/ alone
(``pip download --no-index``) for every platform and Python version.

``--onefolder`` builds the PyInstaller one-folder app for this platform instead
(scripts/build_onefolder.py, release/gjz-registry.spec; README: 单文件夹版).

pip runs with its configuration files and PIP_* variables ignored (``PIP_CONFIG_FILE`` set to
the null device, ``--isolated``), so a machine's pip.conf cannot change what is bundled.
"""

import argparse
import configparser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # a plain Python: pip carries its own copy
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
RELEASE = ROOT / "release"
PINS = RELEASE / "constraints.txt"
PYPI = "https://pypi.org/simple"
PYTHONS = ("3.10", "3.11", "3.12", "3.13")


class Platform:
    """A target: its pip platform tags and what environment markers see there."""

    def __init__(self, key, label, tags, markers):
        self.key = key
        self.label = label
        self.tags = tags
        self.markers = markers


# Linux: wheels for glibc 2.17–2.28 (Debian 10+, 统信 UOS 20, 麒麟 V10 and newer).
MANYLINUX = [f"manylinux_2_{minor}_x86_64" for minor in range(28, 16, -1)] + [
    "manylinux2014_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
]
PLATFORMS = (
    Platform(
        "win_amd64",
        "Windows x64",
        ["win_amd64"],
        {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
    ),
    Platform(
        "linux_x86_64",
        "Linux x86-64",
        MANYLINUX,
        {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    ),
)
# Files the bundle copies from release/ (text with @VERSION@ filled in): name → (encoding,
# line end).  install.bat is read by cmd.exe in the console's code page: GBK on Chinese
# Windows; PowerShell 5 reads a script as UTF-8 only with a BOM.
TEMPLATES = {
    "install.bat": ("gbk", "\r\n"),
    "shortcut.ps1": ("utf-8-sig", "\r\n"),
    "install.sh": ("utf-8", "\n"),
    "README.txt": ("utf-8-sig", "\r\n"),
}


class BuildError(Exception):
    """The build cannot finish; the message says why in Chinese and English."""


def say(chinese, english):
    print(chinese)
    print(english)


# --- what to bundle ---------------------------------------------------------------------
def version():
    text = (ROOT / "gjz_registry" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def install_requires():
    """The requirements of setup.cfg, as packaging Requirements: install_requires and the
    ``postgresql`` extra (the bundle ships the driver, so a client can open the district's
    server database)."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    lines = config["options"]["install_requires"].strip().splitlines()
    lines += config["options.extras_require"]["postgresql"].strip().splitlines()
    return [Requirement(line.strip()) for line in lines if line.strip()]


def read_pins(path=PINS):
    """The pinned requirements (with their markers) of the constraints file."""
    pins = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pins.append(Requirement(line))
    return pins


def marker_environment(platform, python):
    env = dict(platform.markers)
    env.update(
        python_version=python,
        python_full_version=f"{python}.0",
        implementation_name="cpython",
        platform_python_implementation="CPython",
        platform_machine="AMD64" if platform.key == "win_amd64" else "x86_64",
    )
    return env


def pins_for(pins, platform, python):
    """``name==version`` of every pin whose marker holds on that platform and Python."""
    env = marker_environment(platform, python)
    chosen = {}
    for pin in pins:
        if pin.marker is None or pin.marker.evaluate(env):
            name = canonicalize_name(pin.name)
            if name in chosen:
                raise BuildError(
                    f"固定版本重复：{name} 在 {platform.label} / Python {python} 上有两条\n"
                    f"Duplicate pin: {name} twice for {platform.label} / Python {python}"
                )
            chosen[name] = f"{pin.name}{pin.specifier}"
    return chosen


def check_pins_cover_requirements(pins):
    """Every requirement of setup.cfg has a pin satisfying it, on every target."""
    for platform in PLATFORMS:
        for python in PYTHONS:
            chosen = pins_for(pins, platform, python)
            for req in install_requires():
                pin = chosen.get(canonicalize_name(req.name))
                pinned = pin.split("==", 1)[1] if pin else None
                if pinned is None or not req.specifier.contains(pinned, prereleases=True):
                    raise BuildError(
                        f"{PINS.name} 没有满足「{req}」的固定版本（{platform.label} / "
                        f"Python {python}）\n"
                        f"{PINS.name} has no pin satisfying {req} "
                        f"({platform.label} / Python {python})"
                    )


# --- pip --------------------------------------------------------------------------------
def pip_env():
    """The environment for pip: no configuration file, no PIP_* variable of this machine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


def pip(*args, quiet=True):
    command = [sys.executable, "-m", "pip", *args[:1], "--isolated"]
    command += ["--disable-pip-version-check", "--no-input", *args[1:]]
    if quiet:
        command.append("-q")
    return subprocess.run(command, env=pip_env(), capture_output=True, text=True)


def target_options(platform, python):
    nodot = python.replace(".", "")
    options = ["--only-binary=:all:", "--implementation", "cp", "--python-version", python]
    for abi in (f"cp{nodot}", "abi3", "none"):
        options += ["--abi", abi]
    for tag in platform.tags:
        options += ["--platform", tag]
    return options


def download_wheels(pins, dest, source, cache):
    """Download the pinned wheel of every dependency for every target into ``dest``.

    Returns [(requirement, platform, python)] that have no wheel (empty: all there)."""
    missing = []
    for platform in PLATFORMS:
        for python in PYTHONS:
            wanted = sorted(pins_for(pins, platform, python).values())
            base = ["download", "--no-deps", "--dest", str(dest), "--cache-dir", str(cache)]
            base += source + target_options(platform, python)
            print(f"  {platform.label} / Python {python}", flush=True)
            if pip(*base, *wanted).returncode == 0:
                continue
            # pip names only the first it cannot find: ask for each to name them all
            for requirement in wanted:
                if pip(*base, requirement).returncode != 0:
                    missing.append((requirement, platform, python))
    return missing


def report_missing(missing):
    lines = []
    for requirement, platform, python in missing:
        lines.append(
            f"缺少 wheel：{requirement} 没有适用于 {platform.label} / Python {python} 的 wheel"
        )
        lines.append(
            f"Missing wheel: no wheel of {requirement} for {platform.label} / Python {python}"
        )
    lines.append(
        "已停止，未生成安装包（它不能依赖网络）。"
        "请在 release/constraints.txt 中换用有 wheel 的版本。"
    )
    lines.append(
        "Stopped without a bundle (it must not need the network). Pin versions that have "
        "wheels in release/constraints.txt."
    )
    return "\n".join(lines)


def build_program_wheel(dest, source, work):
    """The program's own wheel, built from a copy of the source (the tree stays clean)."""
    tree = work / "source"
    shutil.copytree(
        ROOT,
        tree,
        ignore=shutil.ignore_patterns(
            ".git", "dist", "build", "*.egg-info", "__pycache__", "tests", "bench", "docs", "*.db*"
        ),
    )
    built = pip("wheel", "--no-deps", "--wheel-dir", str(dest), *source, str(tree))
    if built.returncode != 0:
        raise BuildError(
            f"无法生成本程序的 wheel\nCould not build the program's wheel\n{built.stderr}"
        )


def verify_offline(pins, wheels, program, work):
    """Resolve the bundle's requirements from ``wheels`` alone, for every target."""
    for platform in PLATFORMS:
        for python in PYTHONS:
            wanted = [program, *sorted(pins_for(pins, platform, python).values())]
            dest = work / f"verify-{platform.key}-{python}"
            result = pip(
                "download",
                "--no-index",
                "--find-links",
                str(wheels),
                "--dest",
                str(dest),
                "--no-cache-dir",
                *target_options(platform, python),
                *wanted,
            )
            if result.returncode != 0:
                raise BuildError(
                    f"离线安装检查失败：{platform.label} / Python {python} 无法只用 wheels/ 安装\n"
                    f"Offline check failed: {platform.label} / Python {python} cannot install "
                    f"from wheels/ alone\n{result.stderr.strip()}"
                )
            shutil.rmtree(dest)


# --- the bundle -------------------------------------------------------------------------
def write_templates(folder, release_version):
    for name, (encoding, newline) in TEMPLATES.items():
        text = (RELEASE / name).read_text(encoding="utf-8").replace("@VERSION@", release_version)
        (folder / name).write_bytes(text.replace("\n", newline).encode(encoding))
    (folder / "install.sh").chmod(0o755)


def write_requirements(folder, release_version):
    pins = PINS.read_text(encoding="utf-8")
    body = [line for line in pins.splitlines() if line.strip() and not line.startswith("#")]
    header = [
        "# 离线安装清单：install.bat / install.sh 用 pip --no-index 从 wheels/ 安装这些版本。",
        "# What install.bat / install.sh install from wheels/ (pip --no-index).",
        f"gjz-registry=={release_version}",
    ]
    (folder / "requirements.txt").write_text("\n".join(header + body) + "\n", encoding="utf-8")


def build_bundle(dist, source):
    release_version = version()
    pins = read_pins()
    check_pins_cover_requirements(pins)
    final = Path(dist) / f"gjz-registry-{release_version}"
    partial = final.with_name(final.name + ".partial")
    for old in (final, partial):
        if old.exists():
            shutil.rmtree(old)
    wheels = partial / "wheels"
    wheels.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="gjz-release-") as scratch:
        work = Path(scratch)
        try:
            say("下载依赖的 wheel：", "Downloading the dependencies' wheels:")
            missing = download_wheels(pins, wheels, source, work / "pip-cache")
            if missing:
                raise BuildError(report_missing(missing))
            say("生成本程序的 wheel", "Building the program's wheel")
            build_program_wheel(wheels, source, work)
            say("检查离线安装（只用 wheels/）", "Checking the offline install (wheels/ only)")
            verify_offline(pins, wheels, f"gjz-registry=={release_version}", work)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
    write_requirements(partial, release_version)
    write_templates(partial, release_version)
    partial.rename(final)
    return final


def folder_size(folder):
    return sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="output folder (dist/)")
    parser.add_argument("--index-url", default=PYPI, help=f"package index (default {PYPI})")
    parser.add_argument(
        "--find-links", metavar="DIR", help="take wheels from this folder only (no index)"
    )
    parser.add_argument(
        "--onefolder", action="store_true", help="build the PyInstaller one-folder app instead"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        if args.onefolder:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from build_onefolder import build_onefolder

            built = build_onefolder(Path(args.dist), args.index_url)
        else:
            if args.find_links:
                source = ["--no-index", "--find-links", str(Path(args.find_links).resolve())]
            else:
                source = ["--index-url", args.index_url]
            built = build_bundle(args.dist, source)
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    size = folder_size(built) / 1e6
    seconds = time.monotonic() - started
    say(
        f"已生成：{built}（{size:.0f} MB，用时 {seconds:.0f} 秒）",
        f"Built: {built} ({size:.0f} MB in {seconds:.0f} s)",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

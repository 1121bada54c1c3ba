#!/usr/bin/env bash
# The one command that installs what the tests need and runs them all:
#     bash scripts/test.sh [pytest arguments…]
# 1. Debian tools the tests use (Xvfb, poppler's pdftotext/pdffonts/pdftoppm, zbarimg, the
#    WenQuanYi Zen Hei font, Noto Sans CJK for the CFF conversion test, LibreOffice Calc without
#    its GUI for the one test that renders the error workbook as a clerk sees it), installed
#    with apt-get when missing and we are root;
#    xwininfo and xauth for the release tests (tests/release: they build the offline bundle
#    from PyPI and install and run it in a namespace without network, `unshare -n`, as root);
# 2. the package itself with its [test] extra (pip install -e), its dependencies at the
#    versions the release bundle ships (-c release/constraints.txt);
#    PostgreSQL's server (Debian's postgresql package) for the engine-dependent tests: the run
#    starts a throw-away cluster on 127.0.0.1 at a free port in a temporary folder and stops
#    it at the end (tests/pgserver.py);
# 3. pytest under xvfb-run, with GJZ_REQUIRE_GUI=1 so a missing display (or, for the release
#    tests, a missing unshare/root) fails, not skips, and GJZ_REQUIRE_PG=1 so a missing
#    PostgreSQL fails the PostgreSQL half of the engine-dependent tests instead of skipping it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"

missing=()
for tool in Xvfb xvfb-run xauth xwininfo unshare pdftotext pdffonts pdftoppm zbarimg soffice; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
# (grep without -q: with pipefail, an early-exiting grep -q would SIGPIPE fc-list and "fail")
if ! command -v fc-list >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -i "WenQuanYi Zen Hei" >/dev/null; then
    missing+=("fonts-wqy-zenhei")
fi
# An OpenType/CFF-only CJK font, so the real CFF → TrueType conversion test runs.
if ! compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" >/dev/null; then
    missing+=("fonts-noto-cjk")
fi
# poppler's CJK maps: without them pdffonts cannot read a PDF whose CID font is not embedded
# once a CJK font is installed ("Missing language pack for 'Adobe-GB1'").
if [[ ! -d /usr/share/poppler/cMap/Adobe-GB1 ]]; then
    missing+=("poppler-data")
fi

# PostgreSQL's initdb/pg_ctl (Debian keeps them in /usr/lib/postgresql/N/bin, off the PATH).
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null 2>&1; then
    missing+=("postgresql")
fi

if ((${#missing[@]})); then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "安装测试所需的系统软件 / installing system packages (missing: ${missing[*]})"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq --no-install-recommends \
            xvfb xauth x11-utils util-linux fonts-wqy-zenhei fonts-noto-cjk fontconfig poppler-utils \
            poppler-data zbar-tools libreoffice-calc-nogui postgresql >/dev/null
    else
        echo "警告：缺少 ${missing[*]}，且无法用 apt-get 安装（需要 root），相关测试可能失败。" >&2
        echo "Warning: missing ${missing[*]} and cannot install them with apt-get (needs root);" \
            "the tests that use them may fail." >&2
    fi
fi

"$PYTHON" -m pip install --quiet --disable-pip-version-check -e '.[test]' -c release/constraints.txt

export GJZ_REQUIRE_GUI=1
export GJZ_REQUIRE_PG=1

if command -v xvfb-run >/dev/null 2>&1; then
    exec xvfb-run -a -s "-screen 0 1600x1000x24" "$PYTHON" -m pytest "$@"
else
    # No xvfb-run (non-root, no apt): run anyway; GUI tests fail loudly since GJZ_REQUIRE_GUI=1.
    exec "$PYTHON" -m pytest "$@"
fi

"""Start a program and wait until a window with the given title is on the screen.

    python see_window.py TITLE [--timeout S] -- PROGRAM [ARGS…]

Exit 0 (printing 「seen: TITLE」) once ``xwininfo`` shows a viewable window named TITLE, then
the program is stopped; exit 1 when the program ends first or the time runs out, printing its
output.  Runs where the program's display is (tests/release start it under xvfb-run).
"""

import argparse
import re
import subprocess
import sys
import time


def viewable_window(title):
    """The id of a viewable window named ``title``, or None."""
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], capture_output=True, text=True, encoding="utf-8"
    ).stdout
    for window_id in re.findall(rf'^\s*(0x[0-9a-f]+) "{re.escape(title)}":', tree, re.M):
        info = subprocess.run(
            ["xwininfo", "-id", window_id], capture_output=True, text=True, encoding="utf-8"
        ).stdout
        if "Map State: IsViewable" in info:
            return window_id
    return None


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("title")
    parser.add_argument("--timeout", type=float, default=90)
    parser.add_argument("program", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    program = args.program[1:] if args.program[:1] == ["--"] else args.program
    process = subprocess.Popen(
        program, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8"
    )
    deadline = time.monotonic() + args.timeout
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if viewable_window(args.title):
                print(f"seen: {args.title}")
                return 0
            time.sleep(0.3)
    finally:
        if process.poll() is None:
            process.terminate()
        output = process.communicate(timeout=30)[0]
    print(f"no window 「{args.title}」 (exit code {process.returncode}):\n{output}")
    return 1


if __name__ == "__main__":
    sys.exit(main())

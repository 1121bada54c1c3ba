"""Entry point of the one-folder app (PyInstaller; release/gjz-registry.spec): one program,
two executables — ``gjz`` is the command line, ``gjz-client`` the desktop client (built
without a console window on Windows)."""

import os
import sys

from main import gui_main, main

if __name__ == "__main__":
    name = os.path.splitext(os.path.basename(sys.executable))[0].lower()
    sys.exit(gui_main() if name == "gjz-client" else main())

"""Window sizes that follow the screen's scaling and the window's content.

The sizes written in the code (a form's 920×700, the main window's 1280×800) are for a
screen at 100 % (96 dpi; Tk's ``tk scaling`` 96/72).  At 150 % Windows hands a DPI-aware
program (theme.enable_dpi_awareness) 144 dpi, Tk scales every font by half again, and a
window still given 920×700 pixels clips its form.  So a window is sized here from two
things: the design size times the scaling, and at least what its content requests
(``update_idletasks`` then ``winfo_reqwidth/reqheight``) — never more than the screen.
"""

import re

BASE_SCALING = 96 / 72  # Tk's pixels per point on a 100 % screen
SCREEN_MARGIN = (40, 80)  # room left for the taskbar and the window's title bar
GEOMETRY = re.compile(r"(\d+)x(\d+)(?:([+-])(-?\d+)([+-])(-?\d+))?$")


def scale_factor(widget):
    """How much larger than at 100 % the screen draws (1.5 at 150 %); never below 1.
    Rounded to 1 %: Tk keeps its scaling as pixels per millimetre, so 2.0 reads back 2.0009."""
    return max(1.0, round(float(widget.tk.call("tk", "scaling")) / BASE_SCALING, 2))


def screen_room(widget):
    """The largest window (width, height) that fits on the screen."""
    return (
        widget.winfo_screenwidth() - SCREEN_MARGIN[0],
        widget.winfo_screenheight() - SCREEN_MARGIN[1],
    )


def scaled(widget, size):
    """A design (width, height) at 100 % in pixels at this screen's scaling, within the screen."""
    factor = scale_factor(widget)
    room = screen_room(widget)
    return tuple(min(round(value * factor), limit) for value, limit in zip(size, room))


def fit(window, size, min_size, remembered=None, content=True):
    """Size the toplevel ``window`` once its content is built: ``size`` (at 100 %) scaled,
    or the ``remembered`` (width, height) in pixels; with ``content`` at least what the
    content requests; at most the screen.  ``min_size`` (at 100 %), scaled, is the smallest
    the user can make it.  Returns the (width, height) given."""
    window.update_idletasks()
    room = screen_room(window)
    width, height = remembered or scaled(window, size)
    if content:
        width, height = max(width, window.winfo_reqwidth()), max(height, window.winfo_reqheight())
    width, height = min(width, room[0]), min(height, room[1])
    window.minsize(*scaled(window, min_size))
    window.geometry(f"{width}x{height}")
    return width, height


def grow_to_content(window):
    """Enlarge ``window`` (never shrink it) when its content now requests more room than it
    has — e.g. a wizard step larger than the first; a window given a size no longer follows
    its content by itself."""
    window.update_idletasks()
    room = screen_room(window)
    current = parse_geometry(window.wm_geometry())
    if current is None:
        return
    width = max(current[0], min(window.winfo_reqwidth(), room[0]))
    height = max(current[1], min(window.winfo_reqheight(), room[1]))
    if (width, height) != current[:2]:
        window.geometry(f"{width}x{height}")


def parse_geometry(text):
    """(width, height, x, y) of a Tk geometry "WxH+X+Y", or None; x and y are None when
    missing or counted from the right or bottom edge ("-X")."""
    match = GEOMETRY.match(text or "")
    if match is None:
        return None
    width, height, x_sign, x, y_sign, y = match.groups()
    x = int(x) if x_sign == "+" else None
    y = int(y) if y_sign == "+" else None
    return int(width), int(height), x, y

"""The client's colours: one accent, red only for errors (DESIGN §10).

Plain constants without Tk, so presenters can choose a colour; ui.theme applies them.
"""

ACCENT = "#1f6fb2"
ACCENT_DARK = "#17588e"
ERROR = "#c62828"
SUCCESS = "#2e7d32"  # 「已保存」 and the like: done, nothing to do
ZEBRA = "#f3f6fa"
BACKGROUND = "#ffffff"
NAV_BACKGROUND = "#eef2f7"
MUTED = "#5f6b7a"
CARRIED = "#fff4cc"  # a yearly form's field carried over from the year before

"""Every user-visible string of the desktop client (Simplified Chinese), in one place: one
module per part of the client, read as one namespace (``from ui import texts as T``;
``T.APP_TITLE``).  A name is defined once across the modules (tests/unit/test_texts.py)."""

from ui.texts.common import *  # noqa: F401,F403
from ui.texts.exchange import *  # noqa: F401,F403
from ui.texts.screens import *  # noqa: F401,F403
from ui.texts.system import *  # noqa: F401,F403
from ui.texts.yearly import *  # noqa: F401,F403

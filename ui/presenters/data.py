"""Plain data the presenters hand to the widgets (no Tk): a form's Field, a bar table's Cell."""

import dataclasses

from ui.palette import ACCENT


@dataclasses.dataclass
class Field:
    """One field of a form (ui.widgets.form.FormGrid)."""

    key: str
    label: str
    kind: str = "text"  # text, choice, date, multiline
    required: bool = False
    choices: tuple = ()
    width: int = 28
    span: bool = False  # take the whole row


@dataclasses.dataclass
class Cell:
    """One cell of a ui.widgets.bartable.BarTable: text, or a bar when ``fraction`` is set."""

    text: str = ""
    colour: str = None
    fraction: float = None  # a bar when set
    expected: float = None
    bar_colour: str = ACCENT

    @property
    def is_bar(self):
        return self.fraction is not None

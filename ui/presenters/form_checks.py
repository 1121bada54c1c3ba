"""What every form presenter does with field errors (no Tk): check one value with the service's
rules, check every field and put the focus on the first wrong one, and show an error of a save
on its field (on the message line when it names no field of the form).

The view has set_error(key, message), focus_field(key) and show_message(text)."""

from gjz_registry import InvalidValueError


def reason(clean, key, raw):
    """Why ``clean({key: raw})`` refuses ``raw`` (None when it accepts it)."""
    try:
        clean({key: raw})
    except InvalidValueError as exc:
        return str(exc)
    return None


def check_all(view, check_field, keys, values):
    """Show each field's reason (or none) and focus the first wrong field; True when every
    field is right."""
    problems = {key: check_field(key, values.get(key, "")) for key in keys}
    for key, message in problems.items():
        view.set_error(key, message)
    wrong = [key for key, message in problems.items() if message]
    if wrong:
        view.focus_field(wrong[0])
    return not wrong


def show_invalid(view, exc, keys):
    """An InvalidValueError of a save: on its field when the form has it, else the message
    line."""
    if exc.field in keys:
        view.set_error(exc.field, str(exc))
        view.focus_field(exc.field)
    else:
        view.show_message(str(exc))

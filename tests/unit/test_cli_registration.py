"""The command line's parser does not depend on the order its command modules are imported or
registered in (issue 14, point 6): each module declares its own parsers and touches no other's.
"""

import argparse
import itertools
import json
import subprocess
import sys
from pathlib import Path

from gjz_registry import cli
from gjz_registry.cli_common import Parser

ROOT = Path(__file__).resolve().parents[2]


def tree(parser):
    """The parser as plain data: every option's names, dest, help, choices, default, nargs,
    metavar and required flag, and each subcommand's tree (by name, in order)."""
    options, commands = [], {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                commands[name] = {"help": helps.get(name), **tree(sub)}
            continue
        options.append(
            {
                "names": list(action.option_strings),
                "dest": action.dest,
                "help": action.help,
                "choices": list(action.choices) if action.choices else None,
                "default": repr(action.default),
                "nargs": repr(action.nargs),
                "metavar": action.metavar,
                "required": action.required,
                "type": getattr(action.type, "__name__", repr(action.type)),
            }
        )
    return {"description": parser.description, "options": options, "commands": commands}


def modules_alone(module):
    """The commands ``module`` adds to an empty parser, registered on its own."""
    top = Parser(prog="gjz")
    module.register(top.add_subparsers(dest="command", parser_class=Parser))
    return tree(top)["commands"]


def test_each_command_module_builds_its_commands_alone_as_in_the_whole_parser():
    """No module adds options to a parser of another: a module's commands registered alone
    equal the same commands in the full parser."""
    whole = tree(cli.build_parser())["commands"]
    for module in cli.COMMAND_MODULES:
        alone = modules_alone(module)
        assert alone, module.__name__
        for name, subtree in alone.items():
            assert subtree == whole[name], f"{module.__name__}: {name}"


def test_registering_the_modules_in_any_order_gives_the_same_tree(monkeypatch):
    """Any order of registration builds the same commands (only their order in --help,
    which COMMAND_MODULES fixes, differs): every module first and every module last, each
    rotation forwards and backwards, and every ordered pair swapped (all n! orders of nine
    modules would take minutes)."""
    expected = tree(cli.build_parser())
    modules = list(cli.COMMAND_MODULES)
    orders = []
    for i in range(len(modules)):
        rotated = modules[i:] + modules[:i]
        orders += [rotated, rotated[::-1]]
    for i, j in itertools.combinations(range(len(modules)), 2):
        swapped = list(modules)
        swapped[i], swapped[j] = swapped[j], swapped[i]
        orders.append(swapped)
    for order in orders:
        monkeypatch.setattr(cli, "COMMAND_MODULES", order)
        assert tree(cli.build_parser()) == expected, [m.__name__ for m in order]


def tree_after_importing(modules):
    """The parser's tree, built in a fresh interpreter that imported ``modules`` first."""
    imports = "".join(f"import {m}\n" for m in modules)
    code = (
        f"{imports}import json\nfrom gjz_registry import cli\n"
        "from tests.unit.test_cli_registration import tree\n"
        "print(json.dumps(tree(cli.build_parser()), ensure_ascii=False))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_importing_the_modules_in_any_order_gives_the_same_tree():
    names = [m.__name__ for m in cli.COMMAND_MODULES]
    expected = json.loads(json.dumps(tree(cli.build_parser()), ensure_ascii=False))
    for order in (names, names[::-1], names[-2:] + names[:-2]):
        assert tree_after_importing(order) == expected, order

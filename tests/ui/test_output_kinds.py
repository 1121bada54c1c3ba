"""The reports and exports on offer come from one registry, gjz_registry.output_kinds (issue 14,
point 6): a kind added there appears in the command line and the client, and neither front end
keeps a table of kinds of its own."""

import argparse
import ast
import dataclasses
from pathlib import Path

from gjz_registry import cli, output_kinds
from gjz_registry.exchange.exporter import EXPORTS
from ui import theme
from ui.views.exchange import ExchangeView
from ui.views.reports import ReportsView

ROOT = Path(__file__).resolve().parents[2]
NEW_REPORT = output_kinds.OutputKind(
    "innovation-list", "创新型中小企业名单", ("street", "year"), "listing", note="新增的名单"
)
NEW_EXPORT = output_kinds.OutputKind(
    "innovation", "创新型中小企业名单", ("street", "year"), "exchange", ("xlsx",)
)
# The sheet kinds of an import (gjz_registry.exchange.columns.KINDS), given short labels for
# the narrow 类型 column of 导入记录: another registry than the reports and exports.
ALLOWED = {("ui/texts/exchange.py", "IMPORT_KIND_TITLES")}


def add_kinds(monkeypatch):
    monkeypatch.setattr(output_kinds, "REPORT_KINDS", output_kinds.REPORT_KINDS + (NEW_REPORT,))
    monkeypatch.setattr(output_kinds, "EXPORT_KINDS", output_kinds.EXPORT_KINDS + (NEW_EXPORT,))


def command(parser, name):
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[name], sub


def test_a_kind_added_to_the_registry_is_offered_by_the_command_line(monkeypatch):
    add_kinds(monkeypatch)
    parser = cli.build_parser()
    report, sub = command(parser, "report")
    kind = next(a for a in report._actions if a.dest == "kind")
    assert list(kind.choices) == [k.code for k in output_kinds.REPORT_KINDS]
    assert "innovation-list" in kind.choices and "innovation-list" in kind.help
    helps = {a.dest: a.help for a in sub._choices_actions}
    assert "innovation" in helps["export"].split("：")[1].split(", ")


def test_a_kind_added_to_the_registry_is_offered_by_the_client(tk_root, admin, monkeypatch):
    add_kinds(monkeypatch)
    theme.apply(tk_root)
    reports = ReportsView(tk_root, admin).reports
    shown = {kind: str(button.cget("text")) for kind, button in reports.kind_buttons.items()}
    assert shown == {k.code: k.title for k in output_kinds.REPORT_KINDS}  # a plan exists
    reports.choose("innovation-list")
    assert str(reports.street_box.cget("state")) != "disabled"
    assert reports.presenter.output().initialfile.endswith("创新型中小企业名单.pdf")
    exchange = ExchangeView(tk_root, admin)
    shown = {kind: str(b.cget("text")) for kind, b in exchange.export_buttons.items()}
    assert shown == {k.code: k.title for k in output_kinds.EXPORT_KINDS}
    assert exchange.presenter.export_output("innovation").initialfile.startswith("甘井子区")


def test_the_registry_agrees_with_the_services(admin):
    """Every list of ListingService and export of the exchange is in the registry, under the
    title the exchange writes in its 说明 sheet."""
    listings = {k.code for k in output_kinds.REPORT_KINDS if k.source == "listing"}
    assert listings == set(admin.listings.kinds())
    exports = {k.code: k.title for k in output_kinds.EXPORT_KINDS if k.source == "exchange"}
    assert exports == {code: spec.title for code, spec in EXPORTS.items()}
    assert set(admin.exchange.export_kinds()) <= {k.code for k in output_kinds.EXPORT_KINDS}


def front_end_files():
    yield from sorted((ROOT / "ui").rglob("*.py"))
    yield from sorted((ROOT / "gjz_registry").glob("cli*.py"))


def test_the_front_ends_keep_no_table_of_kinds():
    """No tuple, list, set or dict in ui/ or the command line holds two or more codes of
    reports or exports, one of them a list's (plain words such as enterprises or targets also
    name screens and audit records): their tables are the registry's."""
    codes = {k.code for k in output_kinds.REPORT_KINDS + output_kinds.EXPORT_KINDS}
    lists = {code for code in codes if "-" in code}  # high-tech-list, tech-sme, carrier-list…
    found = []
    for path in front_end_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            id(node.value): target.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
                continue
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            held = {
                item.value
                for sub in items
                if sub is not None
                for item in ast.walk(sub)
                if isinstance(item, ast.Constant) and item.value in codes
            }
            where = (str(path.relative_to(ROOT)), names.get(id(node)))
            if len(held) >= 2 and held & lists and where not in ALLOWED:
                found.append((*where, node.lineno, sorted(held)))
    assert not found


def test_each_kind_is_declared_once():
    for kinds in (output_kinds.REPORT_KINDS, output_kinds.EXPORT_KINDS):
        codes = [k.code for k in kinds]
        assert len(codes) == len(set(codes))
        for kind in kinds:
            assert kind.title and set(kind.takes) <= {"street", "year", "period"}
            assert dataclasses.replace(kind) == kind

"""Migration 0002: seed the reference data (streets, industries, default settings).

Runs once per database; afterwards the values are the users' to edit, and a second ``init``
changes nothing.  Uses plain tables (not the app's models) so it stays frozen.
"""

import datetime

from peewee import Table

NAME = "reference_data"

STREETS = (
    ("大连湾街道", "街道"),
    ("南关岭街道", "街道"),
    ("营城子街道", "街道"),
    ("周水子街道", "街道"),
    ("革镇堡街道", "街道"),
    ("辛寨子街道", "街道"),
    ("甘井子街道", "街道"),
    ("中华路街道", "街道"),
    ("泉水街道", "街道"),
    ("兴华街道", "街道"),
    ("椒金山街道", "街道"),
    ("机场街道", "街道"),
    ("红旗街道", "街道"),
    ("凌水街道", "街道"),
    ("七贤岭街道", "街道"),
    ("金家街街道", "街道"),
    ("岔鞍街道", "街道"),
    ("大连生态科技创新城", "管委会"),
)

INDUSTRIES = (
    ("AI", "人工智能及新一代信息技术"),
    ("MAR", "海洋工程装备制造"),
    ("ENE", "智能和清洁能源装备"),
    ("BIO", "生命健康"),
    ("ENV", "节能环保"),
    ("MAT", "新材料"),
    ("OTH", "其他"),
)

SETTINGS = (
    ("unit_name", "甘井子区科学技术局"),
    ("district_name", "甘井子区"),
)


def up(db, is_sqlite):
    stamp = datetime.datetime.now().replace(microsecond=0)
    common = {"created_at": stamp, "updated_at": stamp, "version": 1}
    streets = [
        dict(name=name, kind=kind, sort_order=i, active=True, **common)
        for i, (name, kind) in enumerate(STREETS, 1)
    ]
    industries = [
        dict(code=code, name=name, sort_order=i, **common)
        for i, (code, name) in enumerate(INDUSTRIES, 1)
    ]
    settings = [dict(key=k, value=v) for k, v in SETTINGS]
    for table, rows in (("street", streets), ("industry", industries), ("setting", settings)):
        Table(table, list(rows[0])).bind(db).insert(rows).execute()

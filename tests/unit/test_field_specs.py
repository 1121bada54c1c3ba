"""The field specs (gjz_registry/fields.py) agree with the models (db/models.py): every field
is a column, a text's limit fits the column, a required field is NOT NULL and a NOT NULL column
without a default is required, a vocabulary's values fit the column; and the readers (services,
sheet columns, forms, lists) take their fields from the specs."""

import pytest
from peewee import CharField, ForeignKeyField

from db import models
from gjz_registry import fields
from gjz_registry.exchange import columns as cols

MODELS = {
    "enterprise": models.Enterprise,
    "carrier": models.Carrier,
    "carrier_year": models.CarrierYear,
    "annual_report": models.AnnualReport,
}
# The columns that key a yearly record: its owner and year, which the services take apart.
KEYS = {"carrier_year": {"carrier", "year"}, "annual_report": {"enterprise", "year"}}
CASES = [(kind, f) for kind, spec in fields.SPECS.items() for f in spec.fields]


@pytest.mark.parametrize("kind,field", CASES, ids=[f"{k}.{f.code}" for k, f in CASES])
def test_spec_and_model_agree(kind, field):
    column = MODELS[kind]._meta.fields[field.code]
    spec = fields.SPECS[kind]
    if field.kind in fields.REFERENCE_KINDS:
        assert isinstance(column, ForeignKeyField)
    if isinstance(column, CharField):
        # the longest value the spec lets through is what the column holds
        if field.kind in fields.TEXT_KINDS:
            assert spec.max_text(field) == column.max_length
        else:
            assert field.max_length == column.max_length
        for value in field.vocabulary:
            assert len(value) <= column.max_length
    if field.required:
        assert not column.null
    elif not column.null:
        assert field.default is not None or not field.editable
        if field.default is not None:
            assert column.default == field.default


def test_every_model_column_a_user_edits_is_in_the_spec():
    bookkeeping = {"id", "created_at", "updated_at", "version", "name_pinyin", "name_initials"}
    for kind, model in MODELS.items():
        keys = KEYS.get(kind, set())
        assert set(model._meta.fields) - bookkeeping - keys == set(fields.SPECS[kind].codes)


def test_sheet_columns_follow_the_spec():
    for code, kind in (("enterprise", cols.ENTERPRISES), ("carrier", cols.CARRIERS)):
        spec = fields.SPECS[code]
        assert [c.code for c in kind.columns] == list(spec.sheet_order)
        for column in kind.columns:
            if column.code in spec:
                field = spec[column.code]
                assert column.header == field.label and column.synonyms == field.synonyms
                assert column.choices == field.vocabulary


def test_label_lookup():
    assert fields.label("enterprise", "credit_code") == "统一社会信用代码"
    assert fields.label("carrier", "kind") == "载体类型"
    assert fields.label("enterprise", "nothing") == "nothing"

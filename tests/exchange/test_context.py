"""What an import run shares (exchange/context.py) and how its counts reach the result."""

import dataclasses

import pytest

from gjz_registry.errors import InvalidValueError
from gjz_registry.exchange.context import Counts, ImportContext
from gjz_registry.exchange.importer import ImportResult


def test_the_result_carries_every_count_bucket_in_order():
    result = ImportResult(file_name="名单.xlsx", kind="enterprises", kind_title="企业", sheet="1")
    buckets = ["read", "created", "updated", "unchanged", "skipped", "rejected"]
    assert [field.name for field in dataclasses.fields(Counts)] == buckets
    assert list(result.counts) == buckets
    result.created = 3
    assert result.counts["created"] == 3 and result.rejections == []
    with pytest.raises(TypeError):
        ImportResult("名单.xlsx", "enterprises", "企业", "1")  # the rest is given by keyword


def test_context_acts_as_the_registry_and_checks_the_policy(admin):
    ctx = ImportContext(admin, 1, "fill", now=None)
    assert ctx.actor is admin.actor and ctx.db is admin.db and ctx.counts == Counts()
    with pytest.raises(InvalidValueError, match="「已存在时」"):
        ImportContext(admin, 1, "merge", now=None)

"""The national enterprise form's flags from the qualifications (services/annual_flags.py):
the kinds valid at the end of the year, 31 December included, never typed twice."""

import pytest

from gjz_registry import PermissionDeniedError
from gjz_registry import reference as ref
from gjz_registry.services.annual_flags import FORM_KINDS, flags_for
from tests.conftest import enterprise_data

LITTLE_GIANT = "专精特新“小巨人”企业"


@pytest.fixture
def two(admin):
    first = admin.enterprises.create(enterprise_data(1)).id
    second = admin.enterprises.create(enterprise_data(2)).id
    quals = admin.qualifications
    quals.add(first, ref.QUAL_HIGH_TECH, "GR202121000001", granted_on="2021-11-01")  # to 2024-10-31
    quals.add(first, ref.QUAL_TECH_SME, "2023210211A0000001")  # 2023 only
    quals.add(first, LITTLE_GIANT, "GJXJR20230001", granted_on="2023-07-01")  # three years
    quals.add(second, ref.QUAL_SPECIALISED, "LNZJTX20230001", granted_on="2023-12-31")
    quals.add(second, ref.QUAL_GAZELLE, None, granted_on="2022-01-01", expires_on="2023-12-30")
    return first, second


def test_flags_are_the_kinds_valid_on_31_december(two):
    first, second = two
    flags = flags_for([first, second], 2023)
    assert flags[first][ref.QUAL_HIGH_TECH] and flags[first][ref.QUAL_TECH_SME]
    assert flags[first][LITTLE_GIANT] and not flags[first][ref.QUAL_SPECIALISED]
    assert flags[second][ref.QUAL_SPECIALISED]  # granted on the last day of the year
    assert not flags[second][ref.QUAL_GAZELLE]  # expired the day before
    assert set(flags[first]) == set(ref.QUALIFICATION_KINDS)
    later = flags_for([first], 2024, kinds=FORM_KINDS)[first]
    assert later == {
        ref.QUAL_HIGH_TECH: False,  # ended 2024-10-31
        ref.QUAL_TECH_SME: False,
        ref.QUAL_SPECIALISED: False,
        LITTLE_GIANT: True,
    }
    assert flags_for([], 2023) == {}


def test_little_giant_is_a_qualification_kind_of_three_years(admin, two):
    first, _ = two
    record = [q for q in admin.qualifications.for_enterprise(first) if q.kind == LITTLE_GIANT][0]
    assert record.expires_on.isoformat() == "2026-06-30"
    assert LITTLE_GIANT in FORM_KINDS


def test_the_service_reads_within_the_scope(admin, clerk, other_clerk, two):
    first, _ = two
    assert clerk.annual.flags(first, 2023) == admin.annual.flags(first, 2023)
    assert admin.annual.flags(first, 2023)[ref.QUAL_TECH_SME] is True
    with pytest.raises(PermissionDeniedError):
        other_clerk.annual.flags(first, 2023)

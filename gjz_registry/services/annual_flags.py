"""The qualification flags of the national enterprise form (高企、科小、专精特新、小巨人 …).

Computed from the qualifications, never typed twice: an enterprise holds a kind in a year
when one of its qualifications of that kind is valid at the year's end — 31 December, or
today for the current year (services/validity.py: ``valid_on`` and ``year_end``, the rule
every list «of year Y» uses).  One query per 500 enterprises (the engines' limit on a
statement's parameters is far above that).
"""

from db.models import Qualification
from gjz_registry import reference as ref
from gjz_registry.services.validity import valid_on, year_end

BATCH = 500

# the kinds the Torch enterprise form asks, in its order
FORM_KINDS = (ref.QUAL_HIGH_TECH, ref.QUAL_TECH_SME, ref.QUAL_SPECIALISED, ref.QUAL_LITTLE_GIANT)


def flags_for(enterprise_ids, year, kinds=ref.QUALIFICATION_KINDS):
    """``{enterprise_id: {kind: bool}}`` for every id in ``enterprise_ids`` and every kind of
    ``kinds`` (all the vocabulary's by default)."""
    ids = list(enterprise_ids)
    result = {eid: dict.fromkeys(kinds, False) for eid in ids}
    day = year_end(int(year))
    for first in range(0, len(ids), BATCH):
        query = (
            Qualification.select(Qualification.enterprise, Qualification.kind)
            .where(
                Qualification.enterprise.in_(ids[first : first + BATCH])
                & Qualification.kind.in_(list(kinds))
                & valid_on(None, day)
            )
            .distinct()
        )
        for enterprise_id, kind in query.tuples():
            result[enterprise_id][kind] = True
    return result

"""The demo generator's incubation chain: which carrier an enterprise enters, its stays
(promotions, graduations with the rule they met, leavings) and the area it rents (a mixin of
gjz_registry.demo's generator)."""

from bisect import bisect_right

from gjz_registry import reference as ref
from gjz_registry.demo_tables import (
    CHAIN_START,
    HEALTH,
    PROMOTE,
    RESIDENT_AREA,
    START_STAGE_CUM,
    STAY_DAYS,
    Stay,
    day_of,
)


class Chain:
    def residency_area(self, carrier_id, stage, is_open):
        """Floor area used (m²); current residents never fill more than a carrier has."""
        low, high = RESIDENT_AREA[stage]
        area = self.rng.randint(low, high)
        if is_open:
            area = max(low // 2, min(area, self.free_area[carrier_id] // 4))
            self.free_area[carrier_id] -= area
        return f"{area}.00"

    def carrier_for(self, stage, on_ord, street_id):
        """A carrier of the stage's kind, opened by ``on_ord``, preferably in the street."""
        kind = ref.CARRIER_KIND_OF_STAGE[ref.STAGES[stage]]
        items = self.carriers[kind]
        if self.rng.random() < 0.6:
            local = self.carriers_in.get((kind, street_id), ())
            count = bisect_right(local, (on_ord, 1 << 60))
            if count:
                return local[int(self.rng.random() * count)]
        count = max(1, bisect_right(items, (on_ord, 1 << 60)))
        return items[int(self.rng.random() * count)]

    def chain(self, e, street_id):
        """The incubation history: [Stay]."""
        rng = self.rng
        founded, end, limit = e["founded"], e["end"], e["limit"]
        if founded >= CHAIN_START:
            # young firms enter within 10 months of founding (an incubator takes firms at
            # most 24 months old; 300 + 360 + 20 days keeps a promoted makerspace firm below)
            if rng.random() >= 0.40:
                return []
            stage = bisect_right(START_STAGE_CUM, rng.random() * START_STAGE_CUM[-1])
            entered = founded + int(rng.random() * 300)
        else:
            # older firms join the chain only at the accelerator or the industrial base
            if rng.random() >= 0.11:
                return []
            stage = 2 + (rng.random() < 0.4)
            entered = max(founded + 30, CHAIN_START + rng.randint(0, 1500))
        if entered >= limit - 20:
            return []
        long_cycle = e["field"] == HEALTH
        stays = []
        while True:
            carrier = self.carrier_for(stage, entered, street_id)
            low, high = STAY_DAYS[stage]
            if stage == 1 and long_cycle:
                high += 500
            left = entered + rng.randint(low, high)
            if left >= limit:
                if end is not None:  # the enterprise left the district or closed
                    reason = ref.EXIT_DEREGISTERED if rng.random() < 0.6 else ref.EXIT_MOVED_OUT
                    stays.append(Stay(carrier, stage, entered, end, reason))
                else:
                    stays.append(Stay(carrier, stage, entered))
                break
            if stage < 3 and rng.random() < PROMOTE[stage]:
                stays.append(Stay(carrier, stage, entered, left, ref.EXIT_PROMOTED))
                entered = left + rng.randint(0, 20)
                stage += 1
                if entered >= limit - 20:
                    break  # promoted just before the end of the data: no next stay yet
                continue
            r = rng.random()
            if r < 0.1 and end is None:
                stays.append(Stay(carrier, stage, entered))  # stays on (overdue)
            elif r < 0.65 and stage > 0:  # a makerspace project moves on or stops instead
                basis = self.graduation_basis(e, stage, left)
                stays.append(Stay(carrier, stage, entered, left, ref.EXIT_GRADUATED, basis))
            else:
                reason = ref.EXIT_MOVED_OUT if r < 0.8 else ref.EXIT_TERMINATED
                stays.append(Stay(carrier, stage, entered, left, reason))
            break
        last = stays[-1]
        if last.left is None and last.carrier.status != "运营":  # open stays: operating carriers
            pool = self.open_carriers[ref.CARRIER_KIND_OF_STAGE[ref.STAGES[last.stage]]]
            last.carrier = rng.choice(pool)
        return stays

    def graduation_basis(self, e, stage, left):
        """Choose the rule a graduate met and note the data it needs (made true later)."""
        r = self.rng.random()
        year = day_of(left).year
        first_year, last_year = self.report_span(e)
        if r < 0.3 and first_year <= year - 2 and year - 1 <= last_year:
            e["needs"]["revenue"] = year - 2
            return ("revenue", year - 2)
        if r < 0.45 and first_year <= min(year, last_year):
            e["needs"]["investment"] = min(year, last_year)
            return ("investment", min(year, last_year))
        if r < 0.55 and stage >= 2:
            return ("merger_or_listing", year)
        e["needs"]["high_tech"] = left
        return ("high_tech", left)

    def basis(self, e, basis):
        if basis is None:
            return None
        titles = dict(ref.GRADUATION_RULES)
        key, value = basis
        if key == "high_tech":
            detail = f"证书 {e['cover_number']}"
        elif key == "revenue":
            detail = f"{value}—{value + 1} 年营业收入合计 {e['revenue_sum']:.2f} 万元"
        elif key == "investment":
            detail = f"累计获得投资 {e['investment_sum']:.2f} 万元"
        else:
            detail = f"{value} 年在全国中小企业股份转让系统挂牌"
        return f"{titles[key]}（{detail}）"

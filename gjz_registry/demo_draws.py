"""The demo generator's small draws: people, phone numbers, addresses, company names and
their pinyin keys, organisation and credit codes, dates (a mixin of gjz_registry.demo's
generator: ``self.rng`` and the reference data it loaded)."""

import datetime
from bisect import bisect_right

from gjz_registry import reference as ref
from gjz_registry.demo_tables import (
    FIELD_WORDS,
    FORM_CUM,
    FORMS,
    GIVEN_CHARS,
    MODERN_CODES,
    ORG_CHARS,
    ORG_WEIGHTS,
    OTHER,
    ROADS,
    ROADS_ANY,
    SURNAMES,
    TRADE_CHARS,
)
from gjz_registry.services import search
from gjz_registry.validators import credit_check_char


class Draws:
    # --- small draws --------------------------------------------------------------------
    def pick(self, items, cum):
        return items[bisect_right(cum, self.rng.random() * cum[-1])]

    def person(self):
        rng = self.rng
        given = rng.choice(GIVEN_CHARS)
        if rng.random() < 0.6:
            given += rng.choice(GIVEN_CHARS)
        return rng.choice(SURNAMES) + given

    def mobile(self):
        rng = self.rng
        return f"1{rng.choice('3335556788889')}{rng.randrange(10**9):09d}"

    def landline(self):
        return f"0411-{self.rng.choice('8886')}{self.rng.randrange(10**7):07d}"

    def address(self, street_name):
        rng = self.rng
        road = rng.choice(ROADS.get(street_name, ROADS_ANY))
        number = 1 + int(rng.random() ** 2 * 300)
        text = f"大连市甘井子区{road}{number}号"
        if rng.random() < 0.4:
            text += f"{rng.randint(1, 12)}{rng.randint(1, 30):02d}室"
        return text

    def keys(self, part):
        found = self.pinyin_cache.get(part)
        if found is None:
            found = self.pinyin_cache[part] = search.pinyin_keys(part)
        return found

    def trade(self, length):
        return "".join(self.rng.choice(TRADE_CHARS) for _ in range(length))

    def name(self, field, suffix):
        """A unique organisation name and its (pinyin, initials) keys."""
        rng = self.rng
        word = rng.choice(FIELD_WORDS.get(field, FIELD_WORDS[OTHER]))
        if suffix is None:
            suffix = FORMS[bisect_right(FORM_CUM, rng.random() * FORM_CUM[-1])]
        trade = self.trade(2 if rng.random() < 0.55 else 3)
        # a few are styled like 中环凯茵生态环境发展（大连）有限公司
        branded = suffix == FORMS[0] and rng.random() < 0.03
        prefix = "大连"
        attempt = 0
        while True:
            parts = (trade, "（大连）") if branded else (prefix, trade)
            name = "".join(parts) + word + suffix
            if name not in self.names:
                break
            attempt += 1
            trade = self.trade(3)
            if attempt > 3 and not branded:
                prefix = rng.choice(("辽宁", "大连市"))
        self.names.add(name)
        # Trade-name characters are context-free (see TRADE_CHARS): key them one by one.
        chars = [self.keys(c) for c in trade]
        trade_keys = ("".join(k[0] for k in chars), "".join(k[1] for k in chars))
        keys = [trade_keys, self.keys(parts[1])] if branded else [self.keys(prefix), trade_keys]
        keys += [self.keys(word), self.keys(suffix)]
        return name, "".join(k[0] for k in keys), "".join(k[1] for k in keys)

    def org_code(self, prefix, founded_ord):
        """Positions 9–17: a GB 11714 organisation code (8 characters + its check)."""
        rng = self.rng
        if prefix and (founded_ord >= MODERN_CODES or rng.random() < 0.2):
            body = prefix + "".join(rng.choice(ORG_CHARS) for _ in range(6))
        else:
            body = rng.choice("1257") + f"{rng.randrange(10**7):07d}"
        total = sum(
            w * (int(c) if c.isdigit() else ord(c) - 55)
            for w, c in zip(ORG_WEIGHTS, body, strict=True)
        )
        check = 11 - total % 11
        return body + ("X" if check == 10 else "0" if check == 11 else str(check))

    def credit_code(self, authority, area, prefix, founded_ord):
        while True:
            first = authority + area + self.org_code(prefix, founded_ord)
            code = first + credit_check_char(first)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def area(self):
        rng = self.rng
        return ref.DISTRICT_CODE if rng.random() < 0.88 else rng.choice(ref.NEIGHBOUR_CODES)

    def date_in_year(self, year, first_month=1, last_month=12):
        rng = self.rng
        return datetime.date(year, rng.randint(first_month, last_month), rng.randint(1, 28))

    # --- the run --------------------------------------------------------------------------

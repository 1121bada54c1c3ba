"""The demo generator's qualifications (高企 with renewals, 科小 years, the others) and
annual reports, shaped to make the graduation rules it chose true (a mixin of
gjz_registry.demo's generator)."""

import datetime
import math

from gjz_registry import reference as ref
from gjz_registry.demo_tables import (
    FIRST_REPORT_YEAR,
    MANUFACTURING,
    MONEY_FIGURES,
    day_of,
    money_text,
)
from gjz_registry.services.qualifications import add_years, expiry_for


class Figures:
    # --- qualifications -------------------------------------------------------------------
    def qual_row(self, eid, kind, number, granted, year, expires=None, revoked=None, newer=None):
        qid = self.next_qual_id
        self.next_qual_id += 1
        expires = expires or expiry_for(kind, granted, year)
        return {
            "id": qid,
            "enterprise": eid,
            "kind": kind,
            "number": number,
            "granted_on": granted,
            "expires_on": expires,
            "year": year,
            "revoked_on": revoked,
            "superseded_by": newer,
            "created_at": self.stamp,
            "updated_at": self.stamp,
            "version": 1,
        }

    def ht_grant(self, year):
        if self.rng.random() < 0.85:  # certificates are mostly dated in the autumn batches
            return self.date_in_year(year, 10, 12)
        return self.date_in_year(year)

    def high_tech(self, e):
        """高新技术企业 certificates, GR{year}21{serial}, renewed every three years."""
        rng = self.rng
        founded, limit = day_of(e["founded"]), day_of(e["limit"])
        cover = e["needs"].get("high_tech")
        first_year = max(2008, founded.year + 1)
        renew = 0.65
        if cover is not None:
            cover = day_of(cover)
            anchor = self.ht_grant(cover.year)
            if anchor >= cover:
                anchor = self.ht_grant(cover.year - 1)
            anchor = max(anchor, founded + datetime.timedelta(days=1))
            anchor = min(anchor, cover - datetime.timedelta(days=1))
        elif self.today_ord - e["founded"] < 400 or rng.random() >= 0.19:
            return []
        elif rng.random() < 0.06 and e["end"] is None:
            # expiring within the next 90 days, not renewed yet
            anchor = add_years(self.today, -3) + datetime.timedelta(days=rng.randint(1, 88))
            renew = 0.0
            if anchor.year < first_year or anchor <= founded:
                return []
        else:
            if first_year > limit.year:
                return []
            anchor = self.ht_grant(rng.randint(first_year, limit.year))
            if anchor > limit:
                anchor = self.ht_grant(anchor.year - 1)
            if anchor <= founded or anchor > limit:
                return []
        grants = [anchor]
        while rng.random() < 0.35 and grants[0].year - 3 >= first_year:
            grants.insert(0, self.ht_grant(grants[0].year - 3))
        while rng.random() < renew:
            nxt = self.ht_grant(grants[-1].year + 3)
            if nxt > limit:
                break
            grants.append(nxt)
        rows = []
        newer = None
        for granted in reversed(grants):  # newest first, so superseded_by points backwards
            year = granted.year
            serial = self.ht_serial.get(year) or rng.randint(1, 300)
            self.ht_serial[year] = serial + rng.randint(1, 6)
            row = self.qual_row(
                e["id"], ref.QUAL_HIGH_TECH, f"GR{year}21{serial:06d}", granted, year, newer=newer
            )
            rows.append(row)
            newer = row["id"]
        if cover is not None:
            e["cover_number"] = next(r["number"] for r in rows if r["granted_on"] == anchor)
        elif rng.random() < 0.01 and rows[0]["expires_on"] > self.today:
            newest = rows[0]
            days = datetime.timedelta(days=rng.randint(90, 600))
            newest["revoked_on"] = min(self.today, newest["granted_on"] + days)
        return rows

    def other_qualifications(self, e, reports):
        rng = self.rng
        rows = []
        founded, limit = day_of(e["founded"]), day_of(e["limit"])
        # 科技型中小企业: a run of consecutive years, {year}{area}A{7 digits}
        if e["employees"] <= 500 and rng.random() < 0.4:
            years = range(max(FIRST_REPORT_YEAR, founded.year), limit.year + 1)
            if years:
                year = rng.choice(years)
                area = e["code"][2:8]
                while year <= limit.year:
                    granted = self.date_in_year(year, 4, 10)
                    if granted > limit or granted <= founded:
                        break
                    key = (year, area)
                    serial = self.sme_serial.get(key) or rng.randint(10000, 900000)
                    self.sme_serial[key] = serial + rng.randint(1, 9)
                    rows.append(
                        self.qual_row(
                            e["id"], ref.QUAL_TECH_SME, f"{year}{area}A{serial:07d}", granted, year
                        )
                    )
                    if rng.random() > 0.6:
                        break
                    year += 1
        if not reports or e["end"] is not None:
            return rows
        r = rng.random()
        last = reports[-1]
        if r < 0.012 and len(reports) >= 3 and last["revenue"] > reports[-3]["revenue"] * 1.4:
            year = last["year"]
            rows.append(
                self.qual_row(e["id"], ref.QUAL_GAZELLE, None, self.date_in_year(year, 9, 12), year)
            )
        elif r < 0.03 and last["year"] >= 2019:
            year = rng.randint(max(2019, reports[0]["year"]), last["year"])
            granted = self.date_in_year(year, 6, 12)
            serial = rng.randint(1, 999)
            rows.append(
                self.qual_row(
                    e["id"],
                    ref.QUAL_SPECIALISED,
                    f"LNZJTX{year}{serial:04d}",
                    granted,
                    year,
                    expires=add_years(granted, 3) - datetime.timedelta(days=1),
                )
            )
            listed = datetime.date(year + 1, 7, 1 + serial % 28)
            if serial % 4 == 0 and listed <= self.today:  # a quarter on the national list
                rows.append(
                    self.qual_row(
                        e["id"],
                        ref.QUAL_LITTLE_GIANT,
                        f"GJXJR{year + 1}{serial:04d}",
                        listed,
                        year + 1,
                    )
                )
        if e["field"] in MANUFACTURING and rng.random() < 0.3:
            for rep in reports:
                if rep["revenue"] >= 2000:
                    rows.append(
                        self.qual_row(e["id"], ref.QUAL_ABOVE_SCALE, None, None, rep["year"])
                    )
        if last["revenue"] >= 50000:
            rows.append(
                self.qual_row(
                    e["id"],
                    ref.QUAL_LEADING,
                    None,
                    self.date_in_year(last["year"], 9, 12),
                    last["year"],
                )
            )
        return rows

    # --- annual reports -------------------------------------------------------------------
    def report_span(self, e):
        """First and last year an enterprise can report (from 2017, up to last year)."""
        founded = day_of(e["founded"])
        first_year = max(FIRST_REPORT_YEAR, founded.year + (founded.month > 6))
        last_year = min(self.today.year - 1, day_of(e["limit"]).year - (e["end"] is not None))
        return first_year, last_year

    def reports(self, e):
        """{year and the annual report's figures (MONEY_FIGURES, COUNT_FIGURES)} for each year
        the enterprise reported."""
        rng = self.rng
        founded = day_of(e["founded"])
        first_year, last_year = self.report_span(e)
        needs = e["needs"]
        if first_year > last_year or (rng.random() < 0.15 and not needs):
            return []
        emp = float(e["employees"])
        revenue = (
            emp * math.exp(rng.gauss(3.0, 0.6)) * (0.5 if founded.year >= first_year - 1 else 1.0)
        )
        drift = rng.gauss(0.07, 0.07)
        output_ratio = 0.85 + 0.4 * rng.random()
        rd_ratio = 0.02 + 0.08 * rng.random()
        tax_ratio = 0.01 + 0.05 * rng.random()
        rd_share = 0.1 + 0.5 * rng.random()
        contracts = 0.3 * rng.random() if rng.random() < 0.25 else 0.0
        inventions = int(rng.random() * emp / 10)
        invest_year = rng.randint(first_year, last_year) if rng.random() < 0.07 else None
        rows = []
        for year in range(first_year, last_year + 1):
            growth = drift + rng.gauss(0, 0.12) - (0.08 if year == 2020 else 0.0)
            if rows:
                revenue *= 1 + min(max(growth, -0.4), 0.8)
                emp = max(1.0, emp * (1 + 0.5 * growth))
            granted = int(rng.random() * (1 + emp / 15))
            inventions += int(granted * rng.random())
            invest = math.exp(rng.gauss(5.0, 1.0)) if year == invest_year else 0.0
            employees = int(round(emp))
            rows.append(
                {
                    "year": year,
                    "revenue": revenue,
                    "output_value": revenue * output_ratio,
                    "rd_expense": revenue * rd_ratio,
                    "tax_paid": revenue * tax_ratio,
                    "invention_patents": inventions,
                    "patents_granted": granted,
                    "tech_contract_amount": revenue * contracts,
                    "investment_received": invest,
                    "employees": employees,
                    "rd_staff": min(employees, int(employees * rd_share)),
                }
            )
        if "revenue" in needs:
            first = needs["revenue"]
            pair = [r for r in rows if r["year"] in (first, first + 1)]
            total = sum(r["revenue"] for r in pair)
            if len(pair) == 2 and total <= 1000:
                factor = 1000 * (1.05 + 0.8 * rng.random()) / max(total, 1.0)
                for r in rows:
                    for key in MONEY_FIGURES[:5]:  # all money but the investment received
                        r[key] *= factor
            e["revenue_sum"] = sum(float(money_text(r["revenue"])) for r in pair)
        if "investment" in needs:
            year = needs["investment"]
            for r in rows:
                received = sum(x["investment_received"] for x in rows if x["year"] <= year)
                if r["year"] == year and received <= 500:
                    r["investment_received"] = 520 + 2500 * rng.random()
            e["investment_sum"] = sum(
                float(money_text(r["investment_received"])) for r in rows if r["year"] <= year
            )
        return rows

    def report_row(self, eid, r):
        """An annual_report record of a working row (money as 万元 text)."""
        row = dict(r, enterprise=eid, created_at=self.stamp, updated_at=self.stamp, version=1)
        for key in MONEY_FIGURES:
            row[key] = money_text(r[key])
        return row

"""A seeded generator of synthetic news articles about insurance coverage in Vietnam, with their expected figures.

The articles look like the five real ones in ``raw/articles``: a ``(Outlet) -`` lead, long paragraphs of
administrative prose, ``![]() |`` image stubs with ``Photo:`` captions, short headings, interview lines, and the
sentence shapes that carry figures (as-of counts with coverage rates, "Of which" lists with parenthesised
"(reaching X% of the plan and an increase of N people compared to the end of YEAR)", revenue with plan attainment
and year-on-year change, "strive"/"by 2025" targets, ranges, qualifiers, "respectively" lists, estimates, shares
of the national total) recombined with new numbers, places, periods and schemes. Numbers that are not coverage
figures sit among them: conference counts, pension and benefit recipients, decree numbers, spending, arrears,
hospital visits, certificates of merit, hotlines and times of day.

Every figure a template writes is recorded with the character offset of its number in the body and the fields a
careful reader gives it (kind, measure, scheme, geo_code, period_end, value), following the conventions of
``tests/test_extraction_unseen.py`` and ``tests/fixtures/seed_figures.csv``. A sentence that states no place or
period of its own only ever follows, in the same paragraph, the sentence whose place and period it continues;
sentences with no period at all (read as of the publication date) only open an article.

Article ``i`` depends only on ``(seed, i)``: the corpus of size N is a prefix of the corpus of size M > N, the
articles ``N .. N + k - 1`` are the "new" articles of a nightly run, and the same seed always gives a
byte-identical corpus. Publication dates run from mid-2012 to the end of 2025 (never in the future, which the
pipeline would reject); periods run from 2012 and target deadlines to 2030.

    uv run python -m bench.generate --size 1000 --seed 7 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import hashlib
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

PROVINCES_CSV = Path(__file__).resolve().parent.parent / "pipeline" / "reference" / "provinces.csv"
EXPECTED_COLUMNS = [
    "article_id",
    "char_start",
    "number_text",
    "kind",
    "measure",
    "scheme",
    "geo_code",
    "period_end",
    "value",
]
CURATION_HEADER = (
    "action,article_id,quote,number,kind,measure,scheme,geo_code,period_end,value,value_high,qualifier,"
    "denominator,compared_to,observation_status,note\n"
)
FIRST_PUBLISHED = dt.date(2012, 7, 1)
LAST_PUBLISHED = dt.date(2025, 12, 31)
DEADLINES = (2015, 2020, 2025, 2030)
MONTHS = list(calendar.month_name)[1:]
MONTH_WORDS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]
QUARTER_WORDS = ["", "first", "second", "third", "fourth"]

SI = "social_insurance"
CSI = "compulsory_social_insurance"
VSI = "voluntary_social_insurance"
HI = "health_insurance"
UI = "unemployment_insurance"
ALL = "all_schemes"
VN = "VN"


# ----------------------------------------------------------------------------------------------------------------
# Places


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str
    spellings: tuple[str, ...]  # how articles write it: the name, and aliases written with spaces or hyphens


def load_places() -> list[Place]:
    places = []
    with PROVINCES_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            aliases = [a for a in row["aliases"].split("|") if a and (" " in a or "-" in a or a in ("Hue", "Danang"))]
            places.append(Place(row["geo_code"], row["name"], row["level"], (row["name"], *aliases)))
    return places


PLACES = load_places()
PROVINCES = [p for p in PLACES if p.level != "country"]
BIG_CITIES = [p for p in PROVINCES if p.code in ("VN-HN", "VN-SG", "VN-57", "VN-39", "VN-HP")]


# ----------------------------------------------------------------------------------------------------------------
# A smooth, deterministic "truth" per place, scheme and date, so that articles about the same place agree.


class Stats:
    """Population, coverage rates, participant counts and revenue of each place over time."""

    def __init__(self, seed: int):
        self.params: dict[str, tuple[float, float, float, float]] = {}
        for place in PROVINCES:
            r = random.Random(f"{seed}:stats:{place.code}")
            population = r.uniform(7.0, 9.5) if place.code in ("VN-HN", "VN-SG") else r.uniform(0.3, 3.6)
            self.params[place.code] = (population * 1e6, r.uniform(-9.0, 4.0), r.uniform(0.45, 2.3), r.uniform(0.5, 3))

    @staticmethod
    def _years(date: dt.date) -> float:
        return date.year - 2012 + (date.month - 1) / 12

    def population(self, code: str, date: dt.date) -> float:
        t = self._years(date)
        if code == VN:
            return 88.8e6 + 0.95e6 * t
        return self.params[code][0] * (1 + 0.009 * t)

    def rate(self, code: str, scheme: str, date: dt.date) -> float:
        """Percent of the population (health insurance) or of the working-age labour force (the others)."""
        t = self._years(date)
        hi, si, vsi = min(93.8, 66.5 + 2.9 * t), min(47.0, 18.0 + 2.1 * t), min(8.0, 0.35 + 0.32 * t)
        if code != VN:
            _, hi_offset, si_factor, vsi_factor = self.params[code]
            hi = min(99.4, max(55.0, hi + hi_offset))
            si = min(82.0, max(5.0, si * si_factor))
            vsi = min(si * 0.25, max(0.2, vsi * vsi_factor))
        return {HI: hi, SI: si, VSI: vsi, CSI: si - vsi, UI: 0.83 * (si - vsi)}[scheme]

    def count(self, code: str, scheme: str, date: dt.date) -> int:
        if scheme == ALL:
            return self.count(code, HI, date) + self.count(code, VSI, date)
        denominator = self.population(code, date) * (1 if scheme == HI else 0.57)
        return int(self.rate(code, scheme, date) / 100 * denominator)

    def change_pct(self, code: str, scheme: str, date: dt.date, since: dt.date) -> float:
        """How much the count grew from ``since`` to ``date``, in percent: articles state changes that agree with
        the counts they state (a random change made most of them contradict the counts, a finding in the marts)."""
        return (self.count(code, scheme, date) / self.count(code, scheme, since) - 1) * 100

    def change_abs(self, code: str, scheme: str, date: dt.date, since: dt.date) -> int:
        return self.count(code, scheme, date) - self.count(code, scheme, since)

    def revenue(self, code: str, date: dt.date) -> float:
        """VND billion collected in the year up to ``date``."""
        national = (170_000 + 30_000 * self._years(date)) * date.month / 12
        if code == VN:
            return national
        return national * self.population(code, date) / self.population(VN, date) * self.params[code][2] * 0.8


# ----------------------------------------------------------------------------------------------------------------
# Building a line of text while recording where each expected figure's number starts


@dataclass
class Expected:
    offset: int
    number_text: str
    kind: str
    measure: str
    scheme: str
    geo_code: str
    period_end: dt.date
    value: float


@dataclass
class Line:
    """One line of the body: its text, and the figures in it with offsets relative to the line."""

    parts: list[str] = field(default_factory=list)
    figures: list[Expected] = field(default_factory=list)
    size: int = 0

    def add(self, text: str) -> Line:
        self.parts.append(text)
        self.size += len(text)
        return self

    def fig(self, number: Num, kind: str, measure: str, scheme: str, geo: str, period: dt.date) -> Line:
        self.figures.append(Expected(self.size, number.digits, kind, measure, scheme, geo, period, number.value))
        return self.add(number.text)

    def prepend(self, text: str) -> Line:
        self.parts.insert(0, text)
        self.size += len(text)
        for figure in self.figures:
            figure.offset += len(text)
        return self

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass(frozen=True)
class Num:
    """A number as written (``text``, e.g. "2.5 million"), its leading digits and its normalised value."""

    text: str
    value: float

    @property
    def digits(self) -> str:
        return self.text.split(" ")[0]


def people(r: random.Random, n: float, millions: float = 0.6) -> Num:
    """A count of people: "398,512" or "2.54 million" (value as written)."""
    n = max(int(n), 12)
    if n >= 1_000_000 and r.random() < millions:
        decimals = r.choice((1, 2, 2, 3))
        written = round(n / 1e6, decimals)
        return Num(f"{written:.{decimals}f} million", round(written * 1e6))
    if r.random() < 0.3 and n > 5000:
        n = round(n, -2)
    return Num(f"{n:,}", float(n))


def pct(r: random.Random, x: float, decimals: int | None = None, cap: float = 99.9) -> Num:
    decimals = r.choice((1, 1, 2)) if decimals is None else decimals
    x = round(max(0.1, min(x, cap)), decimals)
    return Num(f"{x:.{decimals}f}" if decimals else f"{int(x)}", x)


def money(r: random.Random, billions: float) -> Num:
    """Money after "VND ": "67,500 billion", "480.2 trillion" or "850 million"; value in VND billion."""
    if billions >= 100_000 and r.random() < 0.5:
        written = round(billions / 1000, 1)
        return Num(f"{written:.1f} trillion", round(written * 1000, 6))
    if billions < 5:
        written = max(1, round(billions * 1000))
        return Num(f"{written:,} million", round(written / 1000, 6))
    written = round(billions)
    return Num(f"{written:,} billion", float(written))


def qualify(r: random.Random, options=("", "", "", "more than ", "nearly ", "about ", "over ")) -> str:
    return r.choice(options)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def year_before(date: dt.date) -> dt.date:
    """The same period last year (a month's end stays a month's end)."""
    if date == month_end(date.year, date.month):
        return month_end(date.year - 1, date.month)
    return date.replace(year=date.year - 1)


def end_of(year: int) -> dt.date:
    return dt.date(year, 12, 31)


# ----------------------------------------------------------------------------------------------------------------
# Periods


@dataclass(frozen=True)
class Period:
    phrase: str  # capitalised, to open a sentence
    date: dt.date

    @property
    def lower(self) -> str:
        return self.phrase[0].lower() + self.phrase[1:]


def period_before(r: random.Random, published: dt.date) -> Period:
    """A period phrase for an actual figure, ending before the publication date and not before 2012."""
    options: list[Period] = []
    year = published.year
    for month in range(1, published.month):
        end = month_end(year, month)
        options.append(Period(f"By the end of {MONTHS[month - 1]} {year}", end))
        options.append(Period(f"As of {MONTHS[month - 1]} {end.day}, {year}", end))
        if 2 <= month <= 11:
            words = MONTH_WORDS[month] if r.random() < 0.6 else str(month)
            options.append(Period(f"In the first {words} months of {year}", end))
        if month == 6:
            options.append(Period(f"In the first half of {year}", end))
        if month % 3 == 0:
            quarter = QUARTER_WORDS[month // 3]
            options.append(Period(f"By the end of the {quarter} quarter of {year}", end))
            options.append(Period(f"In the {quarter} quarter of {year}", end))
    if published.month > 1:
        month, day = published.month - 1, r.randint(10, 28)
        options.append(Period(f"As of {MONTHS[month - 1]} {day}, {year}", dt.date(year, month, day)))
    if year - 1 >= 2012:
        last, months = year - 1, r.randint(7, 11)
        options += [
            Period(f"By the end of {last}", dt.date(last, 12, 31)),
            Period(f"In {last}", dt.date(last, 12, 31)),
            Period(f"By the end of December {last}", dt.date(last, 12, 31)),
            Period(f"By the end of the third quarter of {last}", dt.date(last, 9, 30)),
            Period(f"In the first {MONTH_WORDS[months]} months of {last}", month_end(last, months)),
        ]
    return r.choice(options)


def full_year_before(published: dt.date) -> int:
    """The last complete year before publication (at least 2012)."""
    return max(2012, published.year - 1)


def future_deadline(r: random.Random, published: dt.date) -> int:
    return r.choice([d for d in DEADLINES if d > published.year])


# ----------------------------------------------------------------------------------------------------------------
# The article being written


@dataclass
class Article:
    r: random.Random
    stats: Stats
    article_id: str
    published: dt.date
    place: Place  # the article's own place; the country for national reports
    header_geo: bool
    national: bool

    def name(self, place: Place | None = None) -> str:
        place = place or self.place
        if len(place.spellings) > 1 and self.r.random() < 0.2:
            return self.r.choice(place.spellings[1:])
        return place.name

    def here(self, capital: bool = False) -> str:
        """How a sentence names the article's own place: by name, or "the whole province" when the header says."""
        options = [self.name(), self.name()]
        if self.place.level == "province":
            options.append(f"{self.name()} province")
            if self.header_geo:
                options.append("the whole province")
        text = self.r.choice(options)
        return text[0].upper() + text[1:] if capital else text

    def other(self) -> Place:
        return self.r.choice([p for p in PROVINCES if p.code != self.place.code])

    @property
    def geo(self) -> str:
        return self.place.code


# ----------------------------------------------------------------------------------------------------------------
# Figure templates. Each returns the lines of one paragraph block; the first may get the "(Outlet) -" lead.


def t_as_of_with_voluntary(a: Article) -> list[Line]:
    """As of June 30, 2023, Thanh Hoa province had 398,512 people participating in social insurance, accounting
    for 19.8% of the working-age labour force; of which 92,314 people joined voluntary ..., an increase of ..."""
    r, s, g = a.r, a.stats, a.geo
    p = period_before(r, a.published)
    scheme = r.choice((SI, SI, CSI))
    label = "social insurance" if scheme == SI else "compulsory social insurance"
    line = Line().add(f"{p.phrase}, {a.here()} had {qualify(r)}")
    line.fig(people(r, s.count(g, scheme, p.date)), "actual", "participants", scheme, g, p.date)
    line.add(f" people participating in {label}, accounting for {qualify(r, ('', '', 'about '))}")
    line.fig(pct(r, s.rate(g, scheme, p.date)), "actual", "coverage_rate", scheme, g, p.date)
    denominator = r.choice(("working-age labour force", "working-age workforce", "labor force", "labour force"))
    line.add(f"% of the {denominator}")
    if scheme == SI and r.random() < 0.7:
        vsi = s.count(g, VSI, p.date)
        line.add("; of which ").fig(people(r, vsi, 0), "actual", "participants", VSI, g, p.date)
        line.add(" people joined voluntary social insurance, an increase of ")
        since = end_of(p.date.year - 1)
        line.fig(people(r, s.change_abs(g, VSI, p.date, since), 0), "actual", "change_abs", VSI, g, p.date)
        line.add(f" people compared to the end of {p.date.year - 1}")
    return [line.add(".")]


def t_quarter_change(a: Article) -> list[Line]:
    """By the end of the third quarter of 2022, HCM City had more than 2.5 million people participating in
    compulsory social insurance, up 3.1% compared to the same period last year, and 127,000 ... voluntary ..."""
    r, s, g = a.r, a.stats, a.geo
    p = period_before(r, a.published)
    line = Line().add(f"{p.phrase}, {a.here()} had {qualify(r)}")
    line.fig(people(r, s.count(g, CSI, p.date)), "actual", "participants", CSI, g, p.date)
    line.add(" people participating in compulsory social insurance, up ")
    line.fig(pct(r, s.change_pct(g, CSI, p.date, year_before(p.date))), "actual", "change_pct", CSI, g, p.date)
    line.add("% compared to the same period last year, and ")
    line.fig(people(r, s.count(g, VSI, p.date), 0), "actual", "participants", VSI, g, p.date)
    line.add(" people participating in voluntary social insurance.")
    if r.random() < 0.6:
        who = "city" if a.place.level == "municipality" else "province"
        line.add(f" The {who}'s social insurance agency also paid monthly pensions and allowances to ")
        line.add(f"{r.randint(20, 400) * 1000 + r.randint(0, 999):,} people.")
    return [line]


def t_months_change_and_rate(a: Article) -> list[Line]:
    """In the first five months of 2023, Nghe An had 377,812 people participating in social insurance, an
    increase of 2.9% compared to the same period last year; the health insurance coverage rate reached 92.3%."""
    r, s, g = a.r, a.stats, a.geo
    p = period_before(r, a.published)
    line = Line().add(f"{p.phrase}, {a.here()} had ")
    line.fig(people(r, s.count(g, SI, p.date)), "actual", "participants", SI, g, p.date)
    line.add(" people participating in social insurance, an increase of ")
    line.fig(pct(r, s.change_pct(g, SI, p.date, year_before(p.date))), "actual", "change_pct", SI, g, p.date)
    line.add("% compared to the same period last year; the health insurance coverage rate reached ")
    line.fig(pct(r, s.rate(g, HI, p.date)), "actual", "coverage_rate", HI, g, p.date)
    return [line.add("%.")]


def t_of_which_list(a: Article) -> list[Line]:
    """By the end of June 2021, the whole province had 2,962,016 people participating in social insurance, health
    insurance, and unemployment insurance. Of which, the number of people participating in compulsory social
    insurance was 243,852 people (reaching 98.39% of the plan and an increase of 7,624 people compared to the end
    of 2020); the number ... voluntary ... was 89,896 people (reaching 89.67% and an increase of 12,550 people); ..."""
    r, s, g = a.r, a.stats, a.geo
    p = period_before(r, a.published)
    line = Line().add(f"{p.phrase}, {a.here()} had ")
    line.fig(people(r, s.count(g, ALL, p.date), 0.3), "actual", "participants", ALL, g, p.date)
    line.add(" people participating in social insurance, health insurance, and unemployment insurance. Of which, ")
    items = [(CSI, "compulsory social insurance"), (VSI, "voluntary social insurance"), (HI, "health insurance")]
    if r.random() < 0.4:
        items.insert(2, (UI, "unemployment insurance"))
    base, since = r.choice(
        (
            (f"compared to the end of {p.date.year - 1}", end_of(p.date.year - 1)),
            ("compared to the same period last year", year_before(p.date)),
        )
    )
    for index, (scheme, label) in enumerate(items):
        count = s.count(g, scheme, p.date)
        if index:
            line.add("; ")
        line.add(f"the number of people participating in {label} was ")
        line.fig(people(r, count, 0), "actual", "participants", scheme, g, p.date)
        line.add(" people (reaching ")
        line.fig(pct(r, r.uniform(85, 104), 2, cap=200), "actual", "plan_attainment", scheme, g, p.date)
        line.add("% of the plan and an increase of " if index == 0 else "% and an increase of ")
        increase = s.change_abs(g, scheme, p.date, since)
        line.fig(people(r, increase, 0), "actual", "change_abs", scheme, g, p.date)
        line.add(f" people {base})" if index == 0 else " people)")
    return [line.add(".")]


def t_share_of_national(a: Article) -> list[Line]:
    """By the end of 2021, Nghe An had 103,500 people participating in voluntary social insurance, accounting for
    7.1% of the country's total voluntary social insurance participants."""
    r, s, g = a.r, a.stats, a.geo
    p = period_before(r, a.published)
    count = s.count(g, VSI, p.date)
    share = 100 * count / s.count(VN, VSI, p.date)
    line = Line().add(f"{p.phrase}, {a.here()} had {qualify(r, ('', 'more than '))}")
    line.fig(people(r, count, 0), "actual", "participants", VSI, g, p.date)
    if r.random() < 0.5:
        line.add(" people participating in voluntary social insurance, accounting for ")
        line.fig(pct(r, share), "actual", "share_of_national", VSI, g, p.date)
        return [line.add("% of the country's total voluntary social insurance participants.")]
    line.add(" voluntary social insurance participants, equal to ")
    line.fig(pct(r, share), "actual", "share_of_national", VSI, g, p.date)
    return [line.add("% of the total number of voluntary social insurance participants nationwide.")]


def t_revenue(a: Article) -> list[Line]:
    """In 2023, Hanoi's social insurance sector collected VND 67,500 billion in ... contributions, reaching 100.4%
    of the plan assigned by Vietnam Social Security and up 8.2% compared to 2022."""
    r, s, g = a.r, a.stats, a.geo
    year = full_year_before(a.published)
    end = dt.date(year, 12, 31)
    line = Line().add(f"In {year}, {a.name()}'s social insurance sector collected VND ")
    line.fig(money(r, s.revenue(g, end)), "actual", "revenue", ALL, g, end)
    line.add(" in social insurance, health insurance and unemployment insurance contributions, reaching ")
    line.fig(pct(r, r.uniform(95, 106), cap=200), "actual", "plan_attainment", ALL, g, end)
    line.add("% of the plan assigned by Vietnam Social Security and up ")
    line.fig(pct(r, r.uniform(2, 14)), "actual", "change_pct", ALL, g, end)
    line.add(f"% compared to {year - 1}.")
    if r.random() < 0.5:
        line.add(" Spending on social insurance and health insurance benefits reached VND ")
        line.add(f"{r.randint(500, 60000):,} billion, while {r.randint(40, 4000):,} enterprises were still in arrears.")
    return [line]


def t_revenue_year_on_year(a: Article) -> list[Line]:
    """In 2022, Ha Tinh collected VND 2,850 billion in ... contributions, up 4.3% year on year; outstanding debt
    stood at VND 125.6 billion, with 310 enterprises owing contributions for more than three months."""
    r, s, g = a.r, a.stats, a.geo
    year = full_year_before(a.published)
    end = dt.date(year, 12, 31)
    line = Line().add(f"In {year}, {a.name()} collected {qualify(r, ('', 'over ', 'more than '))}VND ")
    line.fig(money(r, s.revenue(g, end)), "actual", "revenue", ALL, g, end)
    line.add(" in social insurance, health insurance and unemployment insurance contributions, up ")
    line.fig(pct(r, r.uniform(1, 12)), "actual", "change_pct", ALL, g, end)
    line.add(f"% year on year; outstanding debt stood at VND {r.randint(20, 900)}.{r.randint(1, 9)} billion, with ")
    return [line.add(f"{r.randint(30, 900)} enterprises owing contributions for more than three months.")]


def t_revenue_to_date(a: Article) -> list[Line]:
    """By the end of June 2021, total revenue of Nghe An reached over VND 3,528 billion, reaching 48.3% compared to
    the plan assigned by Vietnam Social Security, 3.3% higher than the target for the period (... assigned 45%)."""
    r, s, g = a.r, a.stats, a.geo
    p = period_before(r, a.published)
    progress = 100 * p.date.month / 12 * r.uniform(0.9, 1.05)
    line = Line().add(f"{p.phrase}, total revenue of {a.name()} reached {qualify(r, ('', 'over '))}VND ")
    line.fig(money(r, s.revenue(g, p.date)), "actual", "revenue", ALL, g, p.date)
    line.add(", reaching ")
    line.fig(pct(r, progress), "actual", "plan_attainment", ALL, g, p.date)
    line.add("% compared to the plan assigned by Vietnam Social Security")
    if r.random() < 0.5:
        assigned = round(progress - r.uniform(1, 5))
        line.add(f", {progress - assigned:.1f}% higher than the target assigned by Vietnam Social Security for the ")
        line.add(f"period (Vietnam Social Security assigned {assigned}%)")
    return [line.add(".")]


def t_small_revenue(a: Article) -> list[Line]:
    """In the first quarter of 2021, the provincial Social Insurance collected more than VND 850 million from
    farmers joining voluntary social insurance, reaching 27.5% of the annual plan."""
    r, g = a.r, a.geo
    p = period_before(r, a.published)
    line = Line().add(f"{p.phrase}, the provincial Social Insurance collected {qualify(r, ('', 'more than '))}VND ")
    line.fig(money(r, r.uniform(0.2, 4.5)), "actual", "revenue", VSI, g, p.date)
    line.add(" from farmers joining voluntary social insurance, reaching ")
    line.fig(pct(r, r.uniform(15, 95)), "actual", "plan_attainment", VSI, g, p.date)
    return [line.add("% of the annual plan.")]


def t_neighbour(a: Article) -> list[Line]:
    """By the end of 2022, Nghe An had 2,991,000 people participating in health insurance, reaching 92.2% of the
    population. Meanwhile, in neighbouring Ha Tinh, 1,210,000 people had health insurance, a coverage rate of 93.6%."""
    r, s, g = a.r, a.stats, a.geo
    p = period_before(r, a.published)
    other = a.other()
    line = Line().add(f"{p.phrase}, {a.here()} had ")
    line.fig(people(r, s.count(g, HI, p.date), 0), "actual", "participants", HI, g, p.date)
    line.add(" people participating in health insurance, reaching ")
    line.fig(pct(r, s.rate(g, HI, p.date)), "actual", "coverage_rate", HI, g, p.date)
    line.add(f"% of the population. Meanwhile, in neighbouring {a.name(other)}, ")
    line.fig(people(r, s.count(other.code, HI, p.date), 0), "actual", "participants", HI, other.code, p.date)
    line.add(" people had health insurance, a coverage rate of ")
    line.fig(pct(r, s.rate(other.code, HI, p.date)), "actual", "coverage_rate", HI, other.code, p.date)
    return [line.add("%.")]


def t_respectively(a: Article) -> list[Line]:
    """In the first quarter of 2024, Hanoi had 2.04 million people participating in compulsory social insurance and
    1.98 million participating in unemployment insurance, increases of 2.4% and 2.6% respectively over the same
    period in 2023."""
    r, s, g = a.r, a.stats, a.geo
    p = period_before(r, a.published)
    line = Line().add(f"{p.phrase}, {a.here()} had ")
    line.fig(people(r, s.count(g, CSI, p.date)), "actual", "participants", CSI, g, p.date)
    line.add(" people participating in compulsory social insurance and ")
    line.fig(people(r, s.count(g, UI, p.date)), "actual", "participants", UI, g, p.date)
    line.add(" participating in unemployment insurance, increases of ")
    since = year_before(p.date)
    line.fig(pct(r, s.change_pct(g, CSI, p.date, since)), "actual", "change_pct", CSI, g, p.date)
    line.add("% and ")
    line.fig(pct(r, s.change_pct(g, UI, p.date, since)), "actual", "change_pct", UI, g, p.date)
    return [line.add(f"% respectively over the same period in {p.date.year - 1}.")]


def t_number_of_people_was(a: Article) -> list[Line]:
    """By the end of 2021, the number of people participating in social insurance in Nghe An was 354,499, reaching
    a coverage rate of 19.06% of the working-age population; of which, the number of people participating in
    voluntary social insurance was 100,000, an increase of 552% compared to 2012."""
    r, s, g = a.r, a.stats, a.geo
    p = period_before(r, a.published)
    line = Line().add(f"{p.phrase}, the number of people participating in social insurance in {a.name()} was ")
    line.fig(people(r, s.count(g, SI, p.date), 0), "actual", "participants", SI, g, p.date)
    line.add(", reaching a coverage rate of ")
    line.fig(pct(r, s.rate(g, SI, p.date), 2), "actual", "coverage_rate", SI, g, p.date)
    line.add("% of the working-age population; of which, the number of people participating in voluntary social ")
    line.add("insurance was ").fig(people(r, s.count(g, VSI, p.date), 0), "actual", "participants", VSI, g, p.date)
    line.add(", an increase of ")
    since = r.randint(2012, max(2012, p.date.year - 1))
    growth = s.change_pct(g, VSI, p.date, end_of(since))
    line.fig(pct(r, growth, 0, cap=1000), "actual", "change_pct", VSI, g, p.date)
    return [line.add(f"% compared to {since}.")]


def t_exceeded_target(a: Article) -> list[Line]:
    """In 2023, Thanh Hoa's health insurance coverage rate reached 92.5% of the population, exceeding the target of
    92% assigned by the Prime Minister in Decision No. 546/QD-TTg."""
    r, s, g = a.r, a.stats, a.geo
    year = full_year_before(a.published)
    end = dt.date(year, 12, 31)
    rate = s.rate(g, HI, end)
    line = Line().add(f"In {year}, {a.name()}'s health insurance coverage rate reached ")
    line.fig(pct(r, rate), "actual", "coverage_rate", HI, g, end)
    line.add("% of the population, exceeding the target of ")
    line.fig(pct(r, math.floor(rate - r.uniform(0.2, 2)), 0), "target", "coverage_rate", HI, g, end)
    return [line.add(f"% assigned by the Prime Minister in Decision No. {r.randint(100, 2500)}/QD-TTg.")]


def t_strive_by(a: Article) -> list[Line]:
    """Ha Tinh province strives to have 35% of the working-age labour force participating in social insurance and
    95.5% of the population covered by health insurance by 2025."""
    r, s, g = a.r, a.stats, a.geo
    deadline = future_deadline(r, a.published)
    end = dt.date(deadline, 12, 31)
    line = Line().add(f"{a.name()} {'province ' if a.place.level == 'province' else ''}strives to have ")
    line.fig(pct(r, s.rate(g, SI, end) * 1.1, 0), "target", "coverage_rate", SI, g, end)
    line.add("% of the working-age labour force participating in social insurance and ")
    line.fig(pct(r, min(99, s.rate(g, HI, end) + 1), 1), "target", "coverage_rate", HI, g, end)
    line.add(f"% of the population covered by health insurance by {deadline}.")
    if r.random() < 0.5:
        line.add(" On this occasion, the provincial People's Committee presented certificates of merit to ")
        line.add(f"{r.randint(3, 40)} collectives and {r.randint(3, 60)} individuals.")
    return [line]


def t_range_targets(a: Article) -> list[Line]:
    """According to Decision No. 2345/QD-UBND, Thanh Hoa province aims to raise the health insurance coverage rate
    to 94-95% of the population and the social insurance coverage rate to 31-32% of the working-age labour force
    by 2025."""
    r, s, g = a.r, a.stats, a.geo
    deadline = future_deadline(r, a.published)
    end = dt.date(deadline, 12, 31)
    hi = min(97, round(s.rate(g, HI, end)))
    si = min(80, round(s.rate(g, SI, end)))
    line = Line().add(f"According to Decision No. {r.randint(100, 3500)}/QD-UBND, {a.here()} aims to raise the ")
    line.add("health insurance coverage rate to ")
    line.fig(Num(f"{hi}", hi), "target", "coverage_rate", HI, g, end)
    line.add(f"-{hi + 1}% of the population and the social insurance coverage rate to ")
    line.fig(Num(f"{si}", si), "target", "coverage_rate", SI, g, end)
    return [line.add(f"-{si + 1}% of the working-age labour force by {deadline}.")]


def t_sets_goal(a: Article) -> list[Line]:
    """Accordingly, in 2021, Nghe An province sets a goal of striving to exceed the coverage targets, specifically:
    The rate of the working-age labor force participating in social insurance reaches 18.50% (an increase of 1.7%
    compared to 2020); the rate of the population participating in health insurance reaches 91%."""
    r, s, g = a.r, a.stats, a.geo
    year = a.published.year
    end = dt.date(year, 12, 31)
    line = Line().add(f"Accordingly, in {year}, {a.here()} sets a goal of striving to exceed the coverage targets, ")
    line.add("specifically: The rate of the working-age labor force participating in social insurance reaches ")
    line.fig(pct(r, s.rate(g, SI, end), 2), "target", "coverage_rate", SI, g, end)
    line.add("% (an increase of ")
    line.fig(pct(r, r.uniform(0.5, 3), 1), "target", "change_pct", SI, g, end)
    line.add(f"% compared to {year - 1}); the rate of the population participating in health insurance reaches ")
    line.fig(pct(r, s.rate(g, HI, end), r.choice((0, 1))), "target", "coverage_rate", HI, g, end)
    return [line.add("%.")]


def t_milestone(a: Article) -> list[Line]:
    """Nghe An is determined to strive to reach the milestone of 100,000 people participating in voluntary social
    insurance by the end of 2021."""
    s, g = a.stats, a.geo
    year = a.published.year
    end = dt.date(year, 12, 31)
    goal = max(1000, round(s.count(g, VSI, end) * 1.1, -4))
    line = Line().add(f"On the basis of promoting the achievements, {a.name()} is determined to strive to reach the ")
    line.add("milestone of ").fig(Num(f"{int(goal):,}", goal), "target", "participants", VSI, g, end)
    return [line.add(f" people participating in voluntary social insurance by the end of {year}.")]


def t_estimate(a: Article) -> list[Line]:
    """Dak Lak Social Insurance estimates that by the end of 2023 the province will have about 1.66 million health
    insurance participants, a coverage rate of 89.5% of the population; the number of people joining voluntary
    social insurance is expected to reach 41,000."""
    r, s, g = a.r, a.stats, a.geo
    year = a.published.year
    end = dt.date(year, 12, 31)
    line = Line().add(f"{a.name()} Social Insurance estimates that by the end of {year} the ")
    line.add(f"{'city' if a.place.level == 'municipality' else 'province'} will have {qualify(r, ('', 'about '))}")
    line.fig(people(r, s.count(g, HI, end)), "actual", "participants", HI, g, end)
    line.add(" health insurance participants, a coverage rate of ")
    line.fig(pct(r, s.rate(g, HI, end)), "actual", "coverage_rate", HI, g, end)
    line.add("% of the population; the number of people joining voluntary social insurance is expected to reach ")
    line.fig(people(r, s.count(g, VSI, end), 0), "actual", "participants", VSI, g, end)
    return [line.add(".")]


def t_estimate_of_which(a: Article) -> list[Line]:
    """... It is estimated that by the end of December 2023, the whole province will have 3,049,769 people
    participating in social insurance, health insurance, and unemployment insurance. Of which: The number of
    people participating in social insurance is 385,931 people, reaching a rate compared to the working-age labor
    force of 24.9%; the number ... health insurance is 2,936,308 people, reaching a health insurance coverage rate
    of 93% compared to the population, completing the targets assigned by the Provincial People's Committee."""
    r, s, g = a.r, a.stats, a.geo
    year = a.published.year
    end = dt.date(year, 12, 31)
    line = Line().add(f"From those drastic and synchronous solutions, in {year}, the provincial Social Insurance ")
    line.add("sector achieved remarkable results: It is estimated that by the end of December ")
    line.add(f"{year}, the whole province will have ")
    line.fig(people(r, s.count(g, ALL, end), 0), "actual", "participants", ALL, g, end)
    line.add(" people participating in social insurance, health insurance, and unemployment insurance. Of which: ")
    line.add("The number of people participating in social insurance is ")
    line.fig(people(r, s.count(g, SI, end), 0), "actual", "participants", SI, g, end)
    line.add(" people, reaching a rate compared to the working-age labor force of ")
    line.fig(pct(r, s.rate(g, SI, end)), "actual", "coverage_rate", SI, g, end)
    line.add("%; the number of people participating in health insurance is ")
    line.fig(people(r, s.count(g, HI, end), 0), "actual", "participants", HI, g, end)
    line.add(" people, reaching a health insurance coverage rate of ")
    line.fig(pct(r, s.rate(g, HI, end), r.choice((0, 1))), "actual", "coverage_rate", HI, g, end)
    line.add("% compared to the population, completing the targets assigned by the Provincial People's ")
    return [line.add("Committee.")]


def t_heading_target(a: Article) -> list[Line]:
    """A heading that states a target: "Increase the rate of population participating in health insurance to 91%"."""
    r, s, g = a.r, a.stats, a.geo
    end = dt.date(a.published.year, 12, 31)
    line = Line().add("Increase the rate of population participating in health insurance to ")
    line.fig(pct(r, s.rate(g, HI, end) + 0.5, 0), "target", "coverage_rate", HI, g, end)
    return [line.add("%")]


def lead_currently(a: Article) -> list[Line]:
    """Binh Duong province currently has approximately 1.17 million employees participating in compulsory social
    insurance, the second highest in the country after Ho Chi Minh City, and 1.12 million employees ... UI."""
    r, s, g = a.r, a.stats, a.geo
    d = a.published
    after = r.choice([p for p in BIG_CITIES if p.code != g])
    line = Line().add(f"{a.here(capital=True)} currently has {qualify(r, ('', 'approximately ', 'about '))}")
    line.fig(people(r, s.count(g, CSI, d)), "actual", "participants", CSI, g, d)
    line.add(" employees participating in compulsory social insurance, the second highest in the country after ")
    line.add(f"{a.name(after)}, and ")
    line.fig(people(r, s.count(g, UI, d)), "actual", "participants", UI, g, d)
    return [line.add(" employees participating in unemployment insurance.")]


def lead_bright_spot(a: Article) -> list[Line]:
    """Nationwide, there are more than 1.1 million people participating in voluntary social insurance, of which
    Nghe An alone has 100,000 people, making the province a bright spot ... nationwide."""
    r, s, g = a.r, a.stats, a.geo
    d = a.published
    line = Line().add("Nationwide, there are more than ")
    line.fig(people(r, s.count(VN, VSI, d), 1), "actual", "participants", VSI, VN, d)
    line.add(f" people participating in voluntary social insurance, of which {a.name()} alone has ")
    line.fig(people(r, s.count(g, VSI, d), 0), "actual", "participants", VSI, g, d)
    line.add(" people, making the province a bright spot in terms of the rate of people participating in ")
    return [line.add("voluntary social insurance nationwide.")]


# National reports ------------------------------------------------------------------------------------------------


def n_three_schemes(a: Article) -> list[Line]:
    """By the end of 2022, the whole country had 17.5 million people participating in social insurance, accounting
    for about 38.1% of the working-age labour force; nearly 14.3 million ... unemployment insurance, equal to 30.3%
    ...; and 91.1 million people covered by health insurance, reaching a coverage rate of 92.04% of the population."""
    r, s = a.r, a.stats
    p = period_before(r, a.published)
    where = r.choice(("the whole country had ", "the whole country had ", "nationwide there were "))
    line = Line().add(f"{p.phrase}, {where}{qualify(r, ('', 'more than ', 'over '))}")
    line.fig(people(r, s.count(VN, SI, p.date), 1), "actual", "participants", SI, VN, p.date)
    line.add(" people participating in social insurance, accounting for about ")
    line.fig(pct(r, s.rate(VN, SI, p.date)), "actual", "coverage_rate", SI, VN, p.date)
    line.add("% of the working-age labour force; nearly ")
    line.fig(people(r, s.count(VN, UI, p.date), 1), "actual", "participants", UI, VN, p.date)
    line.add(" people participating in unemployment insurance, equal to ")
    line.fig(pct(r, s.rate(VN, UI, p.date)), "actual", "coverage_rate", UI, VN, p.date)
    line.add("% of the working-age labour force; and ")
    line.fig(people(r, s.count(VN, HI, p.date), 1), "actual", "participants", HI, VN, p.date)
    line.add(" people covered by health insurance, reaching a coverage rate of ")
    line.fig(pct(r, s.rate(VN, HI, p.date), 2), "actual", "coverage_rate", HI, VN, p.date)
    return [line.add("% of the population.")]


def n_absolute_increase(a: Article) -> list[Line]:
    """By the end of 2019, the number of people participating in social insurance nationwide reached 15.1 million,
    or 31.8% of the working-age labour force, an increase of 1.16 million people compared to 2018."""
    r, s = a.r, a.stats
    year = full_year_before(a.published)
    end = dt.date(year, 12, 31)
    line = Line().add(f"By the end of {year}, the number of people participating in social insurance nationwide ")
    line.add("reached ").fig(people(r, s.count(VN, SI, end), 1), "actual", "participants", SI, VN, end)
    line.add(", or ").fig(pct(r, s.rate(VN, SI, end)), "actual", "coverage_rate", SI, VN, end)
    line.add("% of the working-age labour force, an increase of ")
    increase = max(0.01, round(s.change_abs(VN, SI, end, end_of(year - 1)) / 1e6, 2))
    line.fig(Num(f"{increase:.2f} million", round(increase * 1e6)), "actual", "change_abs", SI, VN, end)
    return [line.add(f" people compared to {year - 1}.")]


def n_parenthesised(a: Article) -> list[Line]:
    """In 2023, the number of people participating in social insurance nationwide reached 18.26 million (up 3.1%
    compared to 2022), of which voluntary social insurance participants were 1.83 million (up 8.2%)."""
    r, s = a.r, a.stats
    year = full_year_before(a.published)
    end = dt.date(year, 12, 31)
    line = Line().add(f"In {year}, the number of people participating in social insurance nationwide reached ")
    line.fig(people(r, s.count(VN, SI, end), 1), "actual", "participants", SI, VN, end)
    before = end_of(year - 1)
    line.add(" (up ").fig(pct(r, s.change_pct(VN, SI, end, before)), "actual", "change_pct", SI, VN, end)
    line.add(f"% compared to {year - 1}), of which voluntary social insurance participants were ")
    line.fig(people(r, s.count(VN, VSI, end), 1), "actual", "participants", VSI, VN, end)
    line.add(" (up ").fig(pct(r, s.change_pct(VN, VSI, end, before)), "actual", "change_pct", VSI, VN, end)
    return [line.add("%).")]


def n_unemployment_with_benefits(a: Article) -> list[Line]:
    """As of July 31, 2022, more than 13.5 million people nationwide were participating in unemployment insurance,
    accounting for 28.6% of the working-age labor force. Also in the first seven months, 615,000 people received
    unemployment benefits, with total expenditure of VND 8,900 billion."""
    r, s = a.r, a.stats
    p = period_before(r, a.published)
    line = Line().add(f"{p.phrase}, {qualify(r, ('', 'more than ', 'nearly '))}")
    line.fig(people(r, s.count(VN, UI, p.date), 1), "actual", "participants", UI, VN, p.date)
    line.add(" people nationwide were participating in unemployment insurance, accounting for ")
    line.fig(pct(r, s.rate(VN, UI, p.date)), "actual", "coverage_rate", UI, VN, p.date)
    line.add("% of the working-age labor force. Also in the same period, ")
    line.add(f"{r.randint(300, 990):,},{r.randint(0, 999):03d} people received unemployment benefits, with total ")
    return [line.add(f"expenditure of VND {r.randint(2000, 19000):,} billion.")]


def n_health_with_visits(a: Article) -> list[Line]:
    """As of June 30, 2023, the number of people participating in health insurance nationwide reached 90.9 million,
    accounting for 91.6% of the population; meanwhile, there were 82.3 million medical examination and treatment
    visits covered by health insurance, with the fund spending VND 57,000 billion."""
    r, s = a.r, a.stats
    p = period_before(r, a.published)
    line = Line().add(f"{p.phrase}, the number of people participating in health insurance nationwide reached ")
    line.fig(people(r, s.count(VN, HI, p.date), 1), "actual", "participants", HI, VN, p.date)
    line.add(", accounting for ").fig(pct(r, s.rate(VN, HI, p.date)), "actual", "coverage_rate", HI, VN, p.date)
    line.add(f"% of the population; meanwhile, there were {r.uniform(20, 170):.1f} million medical examination and ")
    line.add("treatment visits covered by health insurance, with the fund spending VND ")
    return [line.add(f"{r.randint(8, 130)},000 billion.")]


def n_decree_and_labour_force(a: Article) -> list[Line]:
    """Decree No. 115/2015/ND-CP, detailing the Law on Social Insurance, took effect on January 1, 2016. By the end
    of 2015, 10.3 million people nationwide were covered by unemployment insurance, up 5.4% compared to 2014 and
    equal to 19.6% of the labour force."""
    r, s = a.r, a.stats
    year = full_year_before(a.published)
    end = dt.date(year, 12, 31)
    decree_year = r.randint(2012, year)
    line = Line().add(f"Decree No. {r.randint(10, 180)}/{decree_year}/ND-CP, detailing the Law on Social Insurance, ")
    line.add(f"took effect on {r.choice(MONTHS)} 1, {min(decree_year + 1, year)}. By the end of {year}, ")
    line.fig(people(r, s.count(VN, UI, end), 1), "actual", "participants", UI, VN, end)
    line.add(" people nationwide were covered by unemployment insurance, up ")
    line.fig(pct(r, s.change_pct(VN, UI, end, end_of(year - 1))), "actual", "change_pct", UI, VN, end)
    line.add(f"% compared to {year - 1} and equal to ")
    line.fig(pct(r, s.rate(VN, UI, end) * 0.9), "actual", "coverage_rate", UI, VN, end)
    return [line.add("% of the labour force.")]


def n_revenue_estimate(a: Article) -> list[Line]:
    """Nationwide, total revenue from social insurance, health insurance and unemployment insurance in 2023 is
    estimated at VND 480.2 trillion, up 6.5% compared to 2022."""
    r, s = a.r, a.stats
    year = full_year_before(a.published)
    end = dt.date(year, 12, 31)
    line = Line().add("Nationwide, total revenue from social insurance, health insurance and unemployment insurance ")
    line.add(f"in {year} is estimated at VND ").fig(money(r, s.revenue(VN, end)), "actual", "revenue", ALL, VN, end)
    line.add(", up ").fig(pct(r, r.uniform(2, 12)), "actual", "change_pct", ALL, VN, end)
    return [line.add(f"% compared to {year - 1}.")]


def n_resolution_targets(a: Article) -> list[Line]:
    """Under Resolution No. 28-NQ/TW of the 12th Party Central Committee, Vietnam aims to have about 45% of the
    working-age labour force participating in social insurance by 2025, of which farmers and informal sector workers
    joining voluntary social insurance account for about 2.5% of the working-age labour force; and around 35% of
    the working-age labour force participating in unemployment insurance."""
    r = a.r
    deadline = future_deadline(r, a.published)
    end = dt.date(deadline, 12, 31)
    number = r.choice(("28-NQ/TW", "21-NQ/TW", "125/NQ-CP", "102/NQ-CP", "68/NQ-CP"))
    committee = r.choice(("11th", "12th", "13th"))
    line = Line().add(f"Under Resolution No. {number} of the {committee} Party Central Committee, Vietnam aims to ")
    line.add("have about ").fig(pct(r, r.uniform(35, 60), 0), "target", "coverage_rate", SI, VN, end)
    line.add(f"% of the working-age labour force participating in social insurance by {deadline}, of which farmers ")
    line.add("and informal sector workers joining voluntary social insurance account for about ")
    line.fig(pct(r, r.uniform(1.5, 5), 1), "target", "coverage_rate", VSI, VN, end)
    line.add("% of the working-age labour force; and around ")
    line.fig(pct(r, r.uniform(25, 45), 0), "target", "coverage_rate", UI, VN, end)
    return [line.add("% of the working-age labour force participating in unemployment insurance.")]


def n_targets_up_from(a: Article) -> list[Line]:
    """Nationwide, the social insurance sector strives to have 60% of the working-age labour force participating in
    social insurance and more than 95% of the population covered by health insurance by 2030, up from 39.25% and
    93.35% respectively at the end of 2023."""
    r, s = a.r, a.stats
    deadline = future_deadline(r, a.published)
    end = dt.date(deadline, 12, 31)
    base = dt.date(full_year_before(a.published), 12, 31)
    line = Line().add("Nationwide, the social insurance sector strives to have ")
    line.fig(pct(r, r.uniform(40, 60), 0), "target", "coverage_rate", SI, VN, end)
    line.add("% of the working-age labour force participating in social insurance and more than ")
    line.fig(pct(r, r.uniform(93, 96), 0), "target", "coverage_rate", HI, VN, end)
    line.add(f"% of the population covered by health insurance by {deadline}, up from ")
    line.fig(pct(r, s.rate(VN, SI, base), 2), "actual", "coverage_rate", SI, VN, base)
    line.add("% and ").fig(pct(r, s.rate(VN, HI, base), 2), "actual", "coverage_rate", HI, VN, base)
    return [line.add(f"% respectively at the end of {base.year}.")]


def n_voluntary_month_and_year_target(a: Article) -> list[Line]:
    """Vietnam Social Security said that by the end of November 2022, nearly 1.5 million people nationwide had
    joined voluntary social insurance, and the sector aims to attract at least 1.7 million participants by the end
    of the year."""
    r, s = a.r, a.stats
    if a.published.month < 3:
        return n_three_schemes(a)
    month = r.randint(1, a.published.month - 1)
    end = month_end(a.published.year, month)
    count = s.count(VN, VSI, end)
    line = Line().add(f"Vietnam Social Security said that by the end of {MONTHS[month - 1]} {end.year}, nearly ")
    line.fig(people(r, count, 1), "actual", "participants", VSI, VN, end)
    line.add(" people nationwide had joined voluntary social insurance, and the sector aims to attract at least ")
    goal = round(count * r.uniform(1.05, 1.3) / 1e5) / 10
    line.fig(
        Num(f"{goal:.1f} million", round(goal * 1e6)),
        "target",
        "participants",
        VSI,
        VN,
        dt.date(a.published.year, 12, 31),
    )
    return [line.add(" participants by the end of the year.")]


def n_specifically(a: Article) -> list[Line]:
    """As of December 31, 2021, the revenue and participants of ... nationwide continued to grow compared to the
    end of 2020. Specifically: Social insurance participation reached 16.547 million people (up 2.2%); Voluntary
    social insurance 1.45 million people (up 28.9%), reaching 2.96% of the working-age labor force ... (exceeding
    the assigned target by 1.96%). / Nearly 13.4 million people participated in unemployment insurance (up 0.4%);
    ... Total revenue from ... was more than 395,472 billion VND (up 0.6%)..."""
    r, s = a.r, a.stats
    year = full_year_before(a.published)
    end = dt.date(year, 12, 31)
    first = Line().add(f"As of December 31, {year}, the revenue and participants of social insurance, unemployment ")
    first.add("insurance, and health insurance nationwide continued to grow compared to the end of ")
    first.add(f"{year - 1}. Specifically: Social insurance participation reached ")
    first.fig(people(r, s.count(VN, SI, end), 1), "actual", "participants", SI, VN, end)
    before = end_of(year - 1)
    first.add(" people (up ").fig(pct(r, s.change_pct(VN, SI, end, before)), "actual", "change_pct", SI, VN, end)
    first.add("%); Voluntary social insurance ")
    first.fig(people(r, s.count(VN, VSI, end), 1), "actual", "participants", VSI, VN, end)
    first.add(" people (up ").fig(pct(r, s.change_pct(VN, VSI, end, before)), "actual", "change_pct", VSI, VN, end)
    first.add("%), reaching ").fig(pct(r, s.rate(VN, VSI, end), 2), "actual", "coverage_rate", VSI, VN, end)
    first.add("% of the working-age labor force including farmers and informal sector workers (exceeding the ")
    first.add(f"assigned target by {r.uniform(0.1, 2):.2f}%).")
    second = Line().add("Nearly ")
    second.fig(people(r, s.count(VN, UI, end), 1), "actual", "participants", UI, VN, end)
    second.add(" people participated in unemployment insurance (up ")
    second.fig(pct(r, s.change_pct(VN, UI, end, before)), "actual", "change_pct", UI, VN, end)
    second.add("%); more than ").fig(people(r, s.count(VN, HI, end), 1), "actual", "participants", HI, VN, end)
    second.add(" people participated in health insurance (up ")
    second.fig(pct(r, s.change_pct(VN, HI, end, before)), "actual", "change_pct", HI, VN, end)
    second.add("%), reaching a coverage rate of ")
    second.fig(pct(r, s.rate(VN, HI, end), 2), "actual", "coverage_rate", HI, VN, end)
    second.add("% of the population. Total revenue from social insurance, unemployment insurance, and health ")
    second.add("insurance was more than ")
    revenue = round(s.revenue(VN, end))
    second.fig(Num(f"{revenue:,} billion", float(revenue)), "actual", "revenue", ALL, VN, end)
    second.add(" VND (up ").fig(pct(r, r.uniform(0.3, 9)), "actual", "change_pct", ALL, VN, end)
    return [first, second.add("%)...")]


def n_sector_targets(a: Article) -> list[Line]:
    """The goal is to strive to complete specific targets: Social insurance participation reaches about 37-38% of
    the working-age workforce; Unemployment insurance participation reaches about 31% of the working-age
    workforce; Health insurance participation reaches a coverage rate of 92% of the population..."""
    r, s = a.r, a.stats
    year = a.published.year
    end = dt.date(year, 12, 31)
    si = round(s.rate(VN, SI, end) + 1)
    line = Line().add(f"In {year}, the social insurance sector nationwide strives to complete specific targets: ")
    line.add("Social insurance participation reaches about ")
    line.fig(Num(f"{si}", si), "target", "coverage_rate", SI, VN, end)
    line.add(f"-{si + 1}% of the working-age workforce; Unemployment insurance participation reaches about ")
    line.fig(pct(r, s.rate(VN, UI, end) + 1, 0), "target", "coverage_rate", UI, VN, end)
    line.add("% of the working-age workforce; Health insurance participation reaches a coverage rate of ")
    line.fig(pct(r, s.rate(VN, HI, end) + 0.5, 0), "target", "coverage_rate", HI, VN, end)
    return [line.add("% of the population...")]


def n_summary_three_lines(a: Article) -> list[Line]:
    """By the end of 2020, the number of people participating in social insurance nationwide was more than 16
    million, reaching 33.5% of the working-age workforce, an increase of 53.2% compared to 2012; of which ...
    compulsory ... was more than 15 million people, and voluntary social insurance was more than 1.1 million people.
    / The number of people participating in unemployment insurance (UI) is more than 13.3 million people, ... /
    The whole country also has about 88 million people participating in health insurance, accounting for 90.97%."""
    r, s = a.r, a.stats
    year = full_year_before(a.published)
    end = dt.date(year, 12, 31)
    since = r.randint(2012, max(2012, year - 3))
    first = Line().add(f"By the end of {year}, the number of people participating in social insurance nationwide ")
    first.add("was more than ").fig(people(r, s.count(VN, SI, end), 1), "actual", "participants", SI, VN, end)
    first.add(", reaching ").fig(pct(r, s.rate(VN, SI, end)), "actual", "coverage_rate", SI, VN, end)
    first.add("% of the working-age workforce, an increase of ")
    first.fig(pct(r, s.change_pct(VN, SI, end, end_of(since))), "actual", "change_pct", SI, VN, end)
    first.add(f"% compared to {since}; of which the number of people participating in compulsory social insurance ")
    first.add("was more than ").fig(people(r, s.count(VN, CSI, end), 1), "actual", "participants", CSI, VN, end)
    first.add(" people, and voluntary social insurance was more than ")
    first.fig(people(r, s.count(VN, VSI, end), 1), "actual", "participants", VSI, VN, end)
    first.add(" people.")
    second = Line().add("The number of people participating in unemployment insurance (UI) is more than ")
    second.fig(people(r, s.count(VN, UI, end), 1), "actual", "participants", UI, VN, end)
    growth = s.change_pct(VN, UI, end, end_of(since))
    second.add(" people, an increase of ").fig(pct(r, growth), "actual", "change_pct", UI, VN, end)
    second.add(f"% compared to {since}, reaching ")
    second.fig(pct(r, s.rate(VN, UI, end), 0), "actual", "coverage_rate", UI, VN, end)
    second.add("% of the workforce.")
    third = Line().add("The whole country also has about ")
    third.fig(people(r, s.count(VN, HI, end), 1), "actual", "participants", HI, VN, end)
    third.add(" people participating in health insurance, accounting for ")
    third.fig(pct(r, s.rate(VN, HI, end), 2), "actual", "coverage_rate", HI, VN, end)
    return [first, second, third.add("% of the population.")]


PROVINCIAL_TEMPLATES = [
    (t_as_of_with_voluntary, 5),
    (t_quarter_change, 3),
    (t_months_change_and_rate, 3),
    (t_of_which_list, 4),
    (t_share_of_national, 2),
    (t_revenue, 2),
    (t_revenue_year_on_year, 2),
    (t_revenue_to_date, 2),
    (t_neighbour, 1),
    (t_respectively, 2),
    (t_number_of_people_was, 2),
    (t_exceeded_target, 2),
    (t_strive_by, 2),
    (t_range_targets, 2),
    (t_sets_goal, 1),
    (t_milestone, 1),
]
HEADER_ONLY_TEMPLATES = [(t_small_revenue, 1), (t_heading_target, 1)]  # need the header to name the province
NATIONAL_TEMPLATES = [
    (n_three_schemes, 4),
    (n_absolute_increase, 2),
    (n_parenthesised, 2),
    (n_unemployment_with_benefits, 2),
    (n_health_with_visits, 2),
    (n_decree_and_labour_force, 2),
    (n_revenue_estimate, 2),
    (n_resolution_targets, 2),
    (n_targets_up_from, 2),
    (n_voluntary_month_and_year_target, 2),
    (n_specifically, 2),
    (n_sector_targets, 2),
    (n_summary_three_lines, 2),
]


# ----------------------------------------------------------------------------------------------------------------
# Prose without figures, non-figure numbers, images and headings

COMMON_PROSE = [
    "Leadership and direction have been strengthened; social insurance and health insurance policies and regimes "
    "have been effectively implemented.",
    "Administrative reform and application of information technology have had positive changes.",
    "The situation of late payment and social insurance debt is still happening in many enterprises; handling "
    "bankrupt units and enterprises, dissolution, absconding owners, ceasing operations is still difficult and "
    "problematic.",
    "The management of the health insurance fund and control of health insurance treatment costs still face many "
    "difficulties.",
    "Strengthening the propaganda and dissemination of laws on social insurance and health insurance remains a key "
    "solution.",
    "Mobilizing the coordination of the entire political system, promoting the role of the grassroots level, "
    "especially the commune and ward levels in mobilizing people to voluntarily participate in social insurance "
    "and family health insurance.",
    "Expanding and improving the quality of activities of collection service organizations is a regular task.",
    "Organizing work with employers, at the same time, strengthening propaganda and raising awareness of workers "
    "about the Law on Social Insurance and Health Insurance.",
    "The awareness of voluntary participation in social insurance and health insurance of a part of the population "
    "is not high.",
    "The income of people in rural, mountainous, remote and isolated areas is still low and unstable.",
    "People's satisfaction with the quality of health insurance services has been increasingly enhanced.",
    "Administrative procedures have been reformed; State management of social insurance and health insurance has "
    "been focused on and strengthened.",
    "The Health Insurance Fund is gradually becoming a basic financial source for medical examination and treatment "
    "activities, contributing to reducing people's payment for health care.",
    "Inspection and examination of law enforcement on social insurance and health insurance is promoted, "
    "contributing to preventing and combating acts of abuse and profiteering from the funds.",
    "Propaganda and direct dialogue with people in residential areas have been intensified, organized at night "
    "and on weekends following the motto of bringing policies to the people.",
    "Strengthen decentralization and delegation of responsibilities; unify leadership viewpoints, taking people "
    "and businesses as the center of service.",
    "Closely coordinate with relevant ministries and sectors to develop policies and laws on social insurance and "
    "remove difficulties and obstacles.",
    "Continue to implement electronic transactions, promote online public services and gradually replace paper "
    "social insurance books and health insurance cards.",
    "The quality of social insurance and health insurance services has been gradually improved.",
    "Manage the social insurance fund safely and effectively, contributing to stabilizing the macro economy.",
    "Improve and innovate propaganda work and build a team of competent and ethical cadres and civil servants.",
    "Flexibility, innovation and diversification of propaganda forms based on digital technology platforms are "
    "among the key and suitable solutions.",
    "Ensure correct, full and timely collection and prevent loss and arrears of social insurance and health "
    "insurance contributions.",
    "Closely monitor the payment of health insurance medical examination and treatment costs and ensure the rights "
    "of participants.",
    "The economic difficulties have directly affected the employment and income of workers.",
    "However, the summary also shows some limitations, such as the number of voluntary social insurance "
    "participants still being low compared to the potential.",
    "Delegates focused on clarifying the causes of difficulties and obstacles and on proposing solutions to "
    "effectively implement policies and laws on social insurance and health insurance.",
    "Promote the application of information technology and promote administrative reform, saving time and costs "
    "for people and businesses.",
]
PROVINCIAL_PROSE = [
    "In {name}, the Steering Committee for implementing social insurance and health insurance policies has been "
    "consolidated at all levels.",
    "The provincial Social Insurance has proactively advised the Provincial People's Committee and coordinated with "
    "departments, branches and sectors in implementing social insurance and health insurance policies.",
    "{name} Social Insurance continues to implement solutions to accelerate administrative reform and apply "
    "information technology in performing tasks.",
    "Many key targets of {name} were highly appreciated by Vietnam Social Security.",
    "The work of developing social insurance and health insurance participants in {name} still faces many "
    "difficulties.",
    "Leaders of the {name} People's Committee asked departments and localities to closely coordinate with the "
    "social insurance agency.",
    "The Director of {name} Social Insurance requires units not to let work stagnate, especially work related to "
    "handling administrative procedures for people.",
    "The provincial Social Insurance arranges for staff to work online, handle work on the application software and "
    "issue documents via the document management system.",
    "Coordinate with the Department of Health to regularly support medical facilities to resolve difficulties "
    "related to health insurance cost estimates.",
]
NATIONAL_PROSE = [
    "Vietnam Social Security determined to focus on promoting digital transformation, maximizing resources and "
    "proactively coordinating with ministries, branches and localities.",
    "The Deputy Prime Minister acknowledged and highly appreciated the efforts and adaptability of the social "
    "insurance sector.",
    "Ministries and sectors were asked to follow more closely the Party's policies and the State's policies to "
    "propose specific targets and solutions.",
    "Continue to implement solutions to increase the coverage rate of social insurance, unemployment insurance and "
    "health insurance and support workers in difficulty.",
    "Strengthen inspection and examination, promptly detect and handle violations, especially social insurance "
    "profiteering.",
    "The Ministry of Labour, Invalids and Social Affairs will coordinate with Vietnam Social Security to review "
    "the implementation of the Law on Social Insurance.",
    "Develop a flexible, diverse, modern, multi-layered social insurance system that is internationally integrated.",
    "Harmoniously combine the principles of contribution and benefit; fairness, equality, sharing and sustainability.",
]
HEADINGS = [
    "Efforts to overcome difficulties",
    "Implement solutions to increase coverage rate",
    "Efforts to increase collection and increase the number of participants",
    "Implement well the set targets and plans",
    "Social and health insurance benefits are always guaranteed",
    "BASICALLY COMPLETED THE GOAL OF UNIVERSAL HEALTH COVERAGE",
    "Many positive results",
    "Toward universal social insurance",
    "Digital transformation in the sector",
    "Removing obstacles for businesses",
    "Key tasks in the coming time",
]
CAPTIONS = [
    "Panorama of the conference",
    "Social Insurance officers advise people to participate in social insurance and health insurance",
    "Consulting for people to participate in social insurance and health insurance at the collection agency",
    "Handing over social insurance books to people participating in voluntary social insurance",
    "Delegates attending the conference",
    "Propaganda for people about social insurance and health insurance policies",
    "Leaders presented certificates of merit to collectives and individuals with outstanding achievements",
    "People carry out procedures at the one-stop department",
]
VIETNAMESE_CAPTIONS = [
    "Quang cảnh hội nghị. Ảnh: Tư liệu",
    "Cán bộ BHXH tư vấn cho người dân. Ảnh: Đức Anh",
    "Đại biểu dự hội nghị. Ảnh: Công Kiên",
]
PHOTOGRAPHERS = ["Thanh Duy", "Duc Anh", "Thanh Chung", "Cong Kien", "PV", "Document", "Quang Minh", "Mai Hoa"]
OFFICIALS = ["Hoang Van Minh", "Nguyen The Manh", "Le Hung Son", "Pham Luong Son", "Tran Dinh Tinh", "Dao Viet Anh"]
QUESTIONS = [
    "PV: Can you tell us about the difficulties in developing social insurance and health insurance participants?",
    "PV: Faced with these difficulties, what solutions has the sector implemented to achieve the results as planned?",
    "PV: What tasks will the Social Insurance sector focus on in the coming time, sir?",
]
OUTLETS_NATIONAL = ["VietnamPlus", "Nhan Dan Online", "Vietnam News", "VnExpress International", "VOV"]
TITLES_PROVINCIAL = [
    "{name} sustainably develops social insurance and health insurance participants",
    "{name}: Striving to reach the milestone of voluntary social insurance participants",
    "Promote propaganda of social insurance and health insurance policies in {name}",
    "{name} is a bright spot in implementing voluntary social insurance",
    "{name} strives to expand health insurance coverage",
]
TITLES_NATIONAL = [
    "Continue to implement solutions to increase the coverage rate of social insurance and health insurance",
    "Social insurance sector reviews a year of developing participants",
    "Toward universal health insurance coverage",
    "Voluntary social insurance participation keeps rising",
]


def trap_lines(a: Article) -> list[str]:
    """Sentences whose numbers are not coverage figures."""
    r = a.r
    name = a.name()
    options = [
        f"In the first {r.randint(3, 9)} months of the year, the sector organized more than {r.randint(40, 900)} "
        "conferences to propagate social insurance and health insurance policies in hamlets and villages.",
        f"Decree No. {r.randint(10, 180)}/{r.randint(2012, 2024)}/ND-CP, detailing the Law on Social Insurance, "
        "has been disseminated to all units.",
        f"The Prime Minister's Certificate of Merit was awarded to {r.randint(2, 9)} individuals with outstanding "
        f"achievements; the General Director of Vietnam Social Security awarded Certificates of Merit to "
        f"{r.randint(5, 40)} groups and {r.randint(5, 40)} individuals.",
        f"Also in the period, the sector paid monthly pensions and social insurance benefits to "
        f"{r.uniform(0.1, 3.4):.1f} million people, with nearly {r.randint(100, 15000):,} payment points to the "
        f"commune level; over {r.randint(10, 900)},000 people received unemployment benefits.",
        f"Medical examination and treatment facilities requested a payment reduction of over {r.randint(2, 9)}% "
        "compared to the same period of the previous year.",
        f"The rate of files returning results on time is always over {r.uniform(95, 99.9):.1f}%.",
        f"Review and shorten the time to handle administrative procedures of {r.randint(2, 9):02d} administrative "
        f"procedures in {r.randint(2, 5):02d} areas of collection, books and cards, social insurance policies.",
        f"For support, people can call the hotline 1900 {r.randint(1000, 9999)}.",
        f"The conference was connected online to {r.choice((63, 62, 61))} provinces and cities and "
        f"{r.randint(400, 700)} bridge points at district level.",
        f"Outstanding debt stood at VND {r.randint(20, 900)}.{r.randint(1, 9)} billion, accounting for "
        f"{r.uniform(1, 6):.2f}% of the amount receivable.",
    ]
    if not a.national:
        options += [
            f"{name} still has {r.randint(50, 4000):,} enterprises owing social insurance premiums, with total "
            f"arrears of VND {r.randint(20, 900):,} billion.",
            f"On this occasion, the {name} People's Committee presented certificates of merit to {r.randint(3, 40)} "
            f"collectives and {r.randint(3, 60)} individuals.",
            f"In the first {r.randint(3, 9)} months of the year, the whole province settled social insurance benefits "
            f"for {r.randint(5000, 90000):,} people, an increase of {r.randint(500, 5000):,} people "
            f"({r.uniform(1, 9):.2f}%) over the same period of the previous year; paid pensions and social insurance "
            f"benefits to {r.randint(20000, 300000):,} people, with a total amount of VND "
            f"{r.randint(100000, 9000000):,} million.",
            f"Accordingly, {name} has {r.randint(10, 90)} communes in {r.randint(2, 16)} districts directly affected "
            f"by the policy adjustment, more than {r.randint(10, 300)},000 people are no longer entitled to the state "
            "budget to buy health insurance cards.",
            f"Nghia Dan District Social Security and {r.randint(2, 6)} outstanding groups were awarded the "
            "Emulation Flag.",
        ]
    return [r.choice(options)]


def prose_paragraph(a: Article) -> str:
    r = a.r
    pool = COMMON_PROSE + (NATIONAL_PROSE if a.national else PROVINCIAL_PROSE)
    sentences = r.sample(pool, r.randint(2, 5))
    return " ".join(s.replace("{name}", a.name()) for s in sentences)


def image_lines(a: Article) -> list[str]:
    r = a.r
    caption = r.choice(CAPTIONS)
    if not a.national and r.random() < 0.5:
        caption += f" in {a.name()}"
    style = r.random()
    if style < 0.65:
        return ["![]() |", f"{caption}. Photo: {r.choice(PHOTOGRAPHERS)} |"]
    if style < 0.85:
        return [r.choice(VIETNAMESE_CAPTIONS), f"{caption}. Photo: {r.choice(PHOTOGRAPHERS)}"]
    return ["![]() |", f"{caption}. Photo courtesy of {r.choice(PHOTOGRAPHERS)}. |"]


def interview_lines(a: Article) -> list[str]:
    r = a.r
    official = r.choice(OFFICIALS)
    return [r.choice(QUESTIONS), f"Mr. {official}:" + prose_paragraph(a)]


# ----------------------------------------------------------------------------------------------------------------
# One article


def _weighted(r: random.Random, templates) -> object:
    functions, weights = zip(*templates, strict=True)
    return r.choices(functions, weights=weights)[0]


def _published(r: random.Random) -> dt.date:
    span = (LAST_PUBLISHED - FIRST_PUBLISHED).days
    return FIRST_PUBLISHED + dt.timedelta(days=r.randint(0, span))


def make_article(seed: int, index: int, stats: Stats) -> tuple[str, str, list[Expected]]:
    """(article id, file content, expected figures with body offsets) of article ``index``."""
    r = random.Random(f"{seed}:article:{index}")
    article_id = f"{index:06d}_{r.getrandbits(64):016x}"
    national = r.random() < 0.25
    place = PLACES[0] if national else r.choice(PROVINCES)
    header_geo = not national and r.random() < 0.6
    published = _published(r)
    month_precision = r.random() < 0.15
    if month_precision:  # "published: YYYY-MM" is read as the first of the month; every date follows from that
        published = published.replace(day=1)
    a = Article(r, stats, article_id, published, place, header_geo, national)

    templates = NATIONAL_TEMPLATES if national else PROVINCIAL_TEMPLATES + (HEADER_ONLY_TEMPLATES if header_geo else [])
    outlet = (
        r.choice(OUTLETS_NATIONAL)
        if national
        else r.choice(
            [f"{place.name} Newspaper", f"Bao{place.name.replace(' ', '')}.vn", "VietnamPlus", "Nhan Dan Online"]
        )
    )
    blocks: list[list[Line] | list[str]] = []
    lead: list[Line]
    if not national and r.random() < 0.3:
        lead = (lead_currently if r.random() < 0.5 else lead_bright_spot)(a)
    else:
        lead = [Line().add(prose_paragraph(a))]
    lead[0].prepend(f"({outlet}) - ")
    for _ in range(r.randint(2, 6)):
        blocks.append(_weighted(r, templates)(a))
    if not national and r.random() < 0.2 and published.month >= 10:
        blocks.append((t_estimate if r.random() < 0.5 or not header_geo else t_estimate_of_which)(a))
    for _ in range(r.randint(1, 4)):
        blocks.append(trap_lines(a))
    for _ in range(r.randint(1, 4)):
        blocks.append(image_lines(a))
    for _ in range(r.randint(1, 3)):
        blocks.append([r.choice(HEADINGS)])
    if not national and r.random() < 0.25:
        blocks.append(interview_lines(a))
    r.shuffle(blocks)

    target = r.randint(5200, 9600)

    def size() -> int:
        lines = [line for block in [lead, *blocks] for line in block]
        return sum(len(line.text if isinstance(line, Line) else line) + 1 for line in lines)

    while size() < target:
        blocks.insert(r.randint(0, len(blocks)), [prose_paragraph(a)])
    if r.random() < 0.2:
        stamp = f"{r.randint(6, 22)}:{r.randint(0, 59):02d}"
        blocks.insert(0, [f"{r.choice(PHOTOGRAPHERS)} DNUM_{r.getrandbits(40):010X} {stamp}"])

    separator = "\n\n" if r.random() < 0.35 else "\n"
    body_parts: list[str] = []
    expected: list[Expected] = []
    offset = 0
    for block_index, block in enumerate([lead, *blocks]):
        for line_index, line in enumerate(block):
            if block_index or line_index:
                joiner = "\n" if line_index else separator
                body_parts.append(joiner)
                offset += len(joiner)
            if isinstance(line, Line):
                for figure in line.figures:
                    expected.append(Expected(**{**figure.__dict__, "offset": offset + figure.offset}))
                text = line.text
            else:
                text = line
            body_parts.append(text)
            offset += len(text)
    body = "".join(body_parts) + "\n"
    for figure in expected:
        assert body.startswith(figure.number_text, figure.offset), (article_id, figure)

    title = r.choice(TITLES_NATIONAL if national else TITLES_PROVINCIAL).replace("{name}", place.name)
    slug = "-".join(title.lower().split()[:8]).replace(":", "")
    url = "" if r.random() < 0.2 else f"https://{outlet.lower().replace(' ', '')}.example/{slug}-{index}.html"
    published_text = published.strftime("%Y-%m") if month_precision else published.isoformat()
    header = [f"title: {title}", f"outlet: {outlet}", f"url: {url}", f"published: {published_text}"]
    if header_geo:
        header.append(f"geo: {place.code}")
    content = "\n".join(header) + "\n---\n" + body
    return article_id, content, expected


# ----------------------------------------------------------------------------------------------------------------
# The corpus


def generate(out: Path, size: int, seed: int = 7, start: int = 0) -> dict:
    """Write articles ``start .. start + size - 1`` to ``out/raw/articles`` and their expected figures to
    ``out/expected_figures.csv``; returns counts and a SHA-256 digest of everything written."""
    stats = Stats(seed)
    articles_dir = out / "raw" / "articles"
    articles_dir.mkdir(parents=True, exist_ok=True)
    (out / "raw" / "curation.csv").write_text(CURATION_HEADER, encoding="utf-8")
    digest = hashlib.sha256()
    total_bytes = figures = 0
    with (out / "expected_figures.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EXPECTED_COLUMNS)
        for index in range(start, start + size):
            article_id, content, expected = make_article(seed, index, stats)
            data = content.encode("utf-8")
            (articles_dir / f"{article_id}.txt").write_bytes(data)
            digest.update(data)
            total_bytes += len(data)
            for e in expected:
                row = [article_id, e.offset, e.number_text, e.kind, e.measure, e.scheme, e.geo_code]
                writer.writerow([*row, e.period_end.isoformat(), repr(float(e.value))])
                digest.update(f"{article_id}|{e.offset}|{e.measure}|{e.value!r}".encode())
                figures += 1
    return {"articles": size, "bytes": total_bytes, "expected_figures": figures, "sha256": digest.hexdigest()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--start", type=int, default=0, help="index of the first article (for nightly additions)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    summary = generate(args.out, args.size, args.seed, args.start)
    print(
        f"{summary['articles']} articles, {summary['bytes'] / 1e6:.1f} MB, {summary['expected_figures']} expected "
        f"figures in {args.out} (sha256 {summary['sha256'][:16]})"
    )


if __name__ == "__main__":
    main()

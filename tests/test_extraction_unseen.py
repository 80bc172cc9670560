"""The extractor on short article bodies it had not seen, in the register of Vietnamese press in English.

Every case was written by hand, its expected figures worked out by reading the text before the extractor was
run on it (they cover other provinces, national reports, quarters and months, targets, ranges, qualifiers,
estimates, revenue, changes against a stated base, and numbers that are not coverage figures sitting in the same
sentences as real figures). The extractor was then improved on the general causes of its misses, so this is now
a regression suite; ``measure_holdout.py`` measures generalisation. Overall precision and recall are printed at
the end of the run.
"""

import functools

import pytest

from tests.conftest import record_metric
from tests.extraction_cases import ALL, CSI, HI, SI, UI, VSI, WALF, Case, F, T, extract_case, judge, summary, totals

CASES = [
    Case(
        "thanh_hoa_as_of_june_30",
        "2023-07-12",
        None,
        "As of June 30, 2023, Thanh Hoa province had 398,512 people participating in social insurance, accounting "
        "for 19.8% of the working-age labour force; of which 92,314 people joined voluntary social insurance, an "
        "increase of 6,120 people compared to the end of 2022. The province still has 1,870 enterprises owing "
        "social insurance premiums, with total arrears of VND 312 billion.",
        [
            F("had 398,512 people", "398,512", "participants", SI, "VN-21", "2023-06-30", 398512),
            F("for 19.8% of the", "19.8", "coverage_rate", SI, "VN-21", "2023-06-30", 19.8, denominator=WALF),
            F("which 92,314 people", "92,314", "participants", VSI, "VN-21", "2023-06-30", 92314),
            F(
                "increase of 6,120 people",
                "6,120",
                "change_abs",
                VSI,
                "VN-21",
                "2023-06-30",
                6120,
                compared_to="2022-12-31",
                parent="92,314",
            ),
        ],
        [("has 1,870 enterprises", "1,870"), ("VND 312 billion", "312")],
    ),
    Case(
        "national_end_of_2022_whole_country",
        "2023-01-10",
        None,
        "By the end of 2022, the whole country had 17.5 million people participating in social insurance, accounting "
        "for about 38.1% of the working-age labour force; nearly 14.3 million people participating in unemployment "
        "insurance, equal to 30.3% of the working-age labour force; and 91.1 million people covered by health "
        "insurance, reaching a coverage rate of 92.04% of the population.",
        [
            F("had 17.5 million", "17.5", "participants", SI, "VN", "2022-12-31", 17_500_000),
            F(
                "about 38.1%",
                "38.1",
                "coverage_rate",
                SI,
                "VN",
                "2022-12-31",
                38.1,
                qualifier="about",
                denominator=WALF,
            ),
            F("nearly 14.3 million", "14.3", "participants", UI, "VN", "2022-12-31", 14_300_000, qualifier="nearly"),
            F("equal to 30.3%", "30.3", "coverage_rate", UI, "VN", "2022-12-31", 30.3, denominator=WALF),
            F("and 91.1 million", "91.1", "participants", HI, "VN", "2022-12-31", 91_100_000),
            F("of 92.04%", "92.04", "coverage_rate", HI, "VN", "2022-12-31", 92.04, denominator="population"),
        ],
    ),
    Case(
        "hcm_city_third_quarter_same_period",
        "2022-10-20",
        None,
        "By the end of the third quarter of 2022, HCM City had more than 2.5 million people participating in "
        "compulsory social insurance, up 3.1% compared to the same period last year, and 127,000 people participating "
        "in voluntary social insurance. The city's social insurance agency also paid monthly pensions and allowances "
        "to 163,000 people.",
        [
            F(
                "more than 2.5 million",
                "2.5",
                "participants",
                CSI,
                "VN-SG",
                "2022-09-30",
                2_500_000,
                qualifier="more_than",
            ),
            F(
                "up 3.1%",
                "3.1",
                "change_pct",
                CSI,
                "VN-SG",
                "2022-09-30",
                3.1,
                compared_to="2021-09-30",
                parent="2.5",
            ),
            F("and 127,000 people", "127,000", "participants", VSI, "VN-SG", "2022-09-30", 127_000),
        ],
        [("to 163,000 people", "163,000")],
    ),
    Case(
        "ha_tinh_strives_by_2025",
        "2024-03-05",
        "VN-23",
        "Ha Tinh province strives to have 35% of the working-age labour force participating in social insurance and "
        "95.5% of the population covered by health insurance by 2025. On this occasion, the provincial People's "
        "Committee presented certificates of merit to 12 collectives and 25 individuals.",
        [
            T("have 35% of", "35", "coverage_rate", SI, "VN-23", "2025-12-31", 35, denominator=WALF),
            T("and 95.5% of", "95.5", "coverage_rate", HI, "VN-23", "2025-12-31", 95.5, denominator="population"),
        ],
        [("to 12 collectives", "12"), ("and 25 individuals", "25")],
    ),
    Case(
        "dak_lak_estimated_end_of_year",
        "2023-11-28",
        None,
        "Dak Lak Social Insurance estimates that by the end of 2023 the province will have about 1.66 million health "
        "insurance participants, a coverage rate of 89.5% of the population; the number of people joining voluntary "
        "social insurance is expected to reach 41,000.",
        [
            F(
                "about 1.66 million",
                "1.66",
                "participants",
                HI,
                "VN-33",
                "2023-12-31",
                1_660_000,
                qualifier="about",
                status="estimate",
            ),
            F(
                "rate of 89.5%",
                "89.5",
                "coverage_rate",
                HI,
                "VN-33",
                "2023-12-31",
                89.5,
                denominator="population",
                status="estimate",
            ),
            F("reach 41,000", "41,000", "participants", VSI, "VN-33", "2023-12-31", 41_000, status="estimate"),
        ],
    ),
    Case(
        "hanoi_revenue_plan_and_year_on_year",
        "2024-01-08",
        None,
        "In 2023, Hanoi's social insurance sector collected VND 67,500 billion in social insurance, health insurance "
        "and unemployment insurance contributions, reaching 100.4% of the plan assigned by Vietnam Social Security "
        "and up 8.2% compared to 2022. Spending on social insurance and health insurance benefits in the city "
        "reached VND 70,000 billion, while 4,300 enterprises were still in arrears.",
        [
            F("VND 67,500 billion", "67,500", "revenue", ALL, "VN-HN", "2023-12-31", 67_500),
            F("reaching 100.4%", "100.4", "plan_attainment", ALL, "VN-HN", "2023-12-31", 100.4, parent="67,500"),
            F(
                "up 8.2%",
                "8.2",
                "change_pct",
                ALL,
                "VN-HN",
                "2023-12-31",
                8.2,
                compared_to="2022-12-31",
                parent="67,500",
            ),
        ],
        [("VND 70,000 billion", "70,000"), ("while 4,300 enterprises", "4,300")],
    ),
    Case(
        "nationwide_revenue_in_trillion_estimated",
        "2023-12-28",
        None,
        "Nationwide, total revenue from social insurance, health insurance and unemployment insurance in 2023 is "
        "estimated at VND 480.2 trillion, up 6.5% compared to 2022.",
        [
            F("VND 480.2 trillion", "480.2", "revenue", ALL, "VN", "2023-12-31", 480_200, status="estimate"),
            F(
                "up 6.5%",
                "6.5",
                "change_pct",
                ALL,
                "VN",
                "2023-12-31",
                6.5,
                compared_to="2022-12-31",
                status="estimate",
                parent="480.2",
            ),
        ],
    ),
    Case(
        "nghe_an_first_five_months",
        "2023-06-02",
        "VN-22",
        "In the first five months of 2023, Nghe An had 377,812 people participating in social insurance, an increase "
        "of 2.9% compared to the same period last year; the health insurance coverage rate reached 92.3%.",
        [
            F("had 377,812 people", "377,812", "participants", SI, "VN-22", "2023-05-31", 377_812),
            F(
                "of 2.9%",
                "2.9",
                "change_pct",
                SI,
                "VN-22",
                "2023-05-31",
                2.9,
                compared_to="2022-05-31",
                parent="377,812",
            ),
            F("reached 92.3%", "92.3", "coverage_rate", HI, "VN-22", "2023-05-31", 92.3, denominator="population"),
        ],
    ),
    Case(
        "ui_as_of_july_with_benefit_traps",
        "2022-08-15",
        None,
        "As of July 31, 2022, more than 13.5 million people nationwide were participating in unemployment insurance, "
        "accounting for 28.6% of the working-age labor force. Also in the first seven months, 615,000 people received "
        "unemployment benefits, with total expenditure of VND 8,900 billion.",
        [
            F(
                "more than 13.5 million",
                "13.5",
                "participants",
                UI,
                "VN",
                "2022-07-31",
                13_500_000,
                qualifier="more_than",
            ),
            F("for 28.6%", "28.6", "coverage_rate", UI, "VN", "2022-07-31", 28.6, denominator=WALF),
        ],
        [("months, 615,000 people", "615,000"), ("VND 8,900 billion", "8,900")],
    ),
    Case(
        "resolution_28_targets_by_2025",
        "2021-11-15",
        None,
        "Under Resolution No. 28-NQ/TW of the 12th Party Central Committee, Vietnam aims to have about 45% of the "
        "working-age labour force participating in social insurance by 2025, of which farmers and informal sector "
        "workers joining voluntary social insurance account for about 2.5% of the working-age labour force; and "
        "around 35% of the working-age labour force participating in unemployment insurance.",
        [
            T("about 45%", "45", "coverage_rate", SI, "VN", "2025-12-31", 45, qualifier="about", denominator=WALF),
            T("about 2.5%", "2.5", "coverage_rate", VSI, "VN", "2025-12-31", 2.5, qualifier="about", denominator=WALF),
            T("around 35%", "35", "coverage_rate", UI, "VN", "2025-12-31", 35, qualifier="about", denominator=WALF),
        ],
        [("No. 28-NQ/TW", "28"), ("the 12th Party", "12")],
    ),
    Case(
        "thanh_hoa_range_targets_with_decision_number",
        "2022-05-10",
        "VN-21",
        "According to Decision No. 2345/QD-UBND, Thanh Hoa province aims to raise the health insurance coverage rate "
        "to 94-95% of the population and the social insurance coverage rate to 31-32% of the working-age labour "
        "force by 2025.",
        [
            T(
                "to 94-95%",
                "94",
                "coverage_rate",
                HI,
                "VN-21",
                "2025-12-31",
                94,
                value_high=95,
                denominator="population",
            ),
            T("to 31-32%", "31", "coverage_rate", SI, "VN-21", "2025-12-31", 31, value_high=32, denominator=WALF),
        ],
        [("No. 2345/QD-UBND", "2345")],
    ),
    Case(
        "neighbouring_province_in_a_nghe_an_paper",
        "2023-02-14",
        "VN-22",
        "By the end of 2022, Nghe An had 2,991,000 people participating in health insurance, reaching 92.2% of the "
        "population. Meanwhile, in neighbouring Ha Tinh, 1,210,000 people had health insurance, a coverage rate "
        "of 93.6%.",
        [
            F("had 2,991,000 people", "2,991,000", "participants", HI, "VN-22", "2022-12-31", 2_991_000),
            F("reaching 92.2%", "92.2", "coverage_rate", HI, "VN-22", "2022-12-31", 92.2, denominator="population"),
            F("Tinh, 1,210,000 people", "1,210,000", "participants", HI, "VN-23", "2022-12-31", 1_210_000),
            F("of 93.6%", "93.6", "coverage_rate", HI, "VN-23", "2022-12-31", 93.6, denominator="population"),
        ],
    ),
    Case(
        "health_insurance_mid_year_with_visits_and_spending",
        "2023-07-20",
        None,
        "As of June 30, 2023, the number of people participating in health insurance nationwide reached 90.9 million, "
        "accounting for 91.6% of the population; meanwhile, there were 82.3 million medical examination and treatment "
        "visits covered by health insurance, with the fund spending VND 57,000 billion.",
        [
            F("reached 90.9 million", "90.9", "participants", HI, "VN", "2023-06-30", 90_900_000),
            F("for 91.6%", "91.6", "coverage_rate", HI, "VN", "2023-06-30", 91.6, denominator="population"),
        ],
        [("were 82.3 million", "82.3"), ("VND 57,000 billion", "57,000")],
    ),
    Case(
        "compulsory_and_voluntary_nine_months_plan_attainment",
        "2021-10-05",
        "VN-22",
        "In the first nine months of 2021, the number of people participating in compulsory social insurance in the "
        "province was 246,210 (reaching 99.1% of the plan), while voluntary social insurance participants numbered "
        "95,300 (reaching 95.3% of the plan).",
        [
            F("was 246,210", "246,210", "participants", CSI, "VN-22", "2021-09-30", 246_210),
            F("(reaching 99.1%", "99.1", "plan_attainment", CSI, "VN-22", "2021-09-30", 99.1, parent="246,210"),
            F("numbered 95,300", "95,300", "participants", VSI, "VN-22", "2021-09-30", 95_300),
            F("(reaching 95.3%", "95.3", "plan_attainment", VSI, "VN-22", "2021-09-30", 95.3, parent="95,300"),
        ],
    ),
    Case(
        "binh_duong_no_period_stated",
        "2023-04-18",
        None,
        "Binh Duong province currently has approximately 1.17 million employees participating in compulsory social "
        "insurance, the second highest in the country after Ho Chi Minh City, and 1.12 million employees "
        "participating in unemployment insurance.",
        [
            F(
                "approximately 1.17 million",
                "1.17",
                "participants",
                CSI,
                "VN-57",
                "2023-04-18",
                1_170_000,
                qualifier="about",
            ),
            F("and 1.12 million", "1.12", "participants", UI, "VN-57", "2023-04-18", 1_120_000),
        ],
    ),
    Case(
        "thanh_hoa_exceeds_assigned_target",
        "2024-01-12",
        "VN-21",
        "In 2023, Thanh Hoa's health insurance coverage rate reached 92.5% of the population, exceeding the target of "
        "92% assigned by the Prime Minister in Decision No. 546/QD-TTg.",
        [
            F("reached 92.5%", "92.5", "coverage_rate", HI, "VN-21", "2023-12-31", 92.5, denominator="population"),
            T("target of 92%", "92", "coverage_rate", HI, "VN-21", "2023-12-31", 92, denominator="population"),
        ],
        [("No. 546/QD-TTg", "546")],
    ),
    Case(
        "national_2019_absolute_increase",
        "2020-01-15",
        None,
        "By the end of 2019, the number of people participating in social insurance nationwide reached 15.1 million, "
        "or 31.8% of the working-age labour force, an increase of 1.16 million people compared to 2018.",
        [
            F("reached 15.1 million", "15.1", "participants", SI, "VN", "2019-12-31", 15_100_000),
            F("or 31.8%", "31.8", "coverage_rate", SI, "VN", "2019-12-31", 31.8, denominator=WALF),
            F(
                "of 1.16 million",
                "1.16",
                "change_abs",
                SI,
                "VN",
                "2019-12-31",
                1_160_000,
                compared_to="2018-12-31",
                parent="15.1",
            ),
        ],
    ),
    Case(
        "dak_lak_published_before_year_end_with_pensions_and_visits",
        "2019-12-30",
        None,
        "In 2019, the whole province of Dak Lak had 1,624,000 people with health insurance cards, reaching 86.2% of "
        "the population, while the provincial Social Insurance handled 2.1 million health insurance-covered medical "
        "visits and paid monthly pensions to 19,800 retirees.",
        [
            F(
                "had 1,624,000 people",
                "1,624,000",
                "participants",
                HI,
                "VN-33",
                "2019-12-31",
                1_624_000,
                status="estimate",
            ),
            F(
                "reaching 86.2%",
                "86.2",
                "coverage_rate",
                HI,
                "VN-33",
                "2019-12-31",
                86.2,
                denominator="population",
                status="estimate",
            ),
        ],
        [("handled 2.1 million", "2.1"), ("to 19,800 retirees", "19,800")],
    ),
    Case(
        "hanoi_first_quarter_respectively",
        "2024-04-10",
        None,
        "In the first quarter of 2024, Hanoi had 2.04 million people participating in compulsory social insurance and "
        "1.98 million participating in unemployment insurance, increases of 2.4% and 2.6% respectively over the same "
        "period in 2023.",
        [
            F("had 2.04 million", "2.04", "participants", CSI, "VN-HN", "2024-03-31", 2_040_000),
            F("and 1.98 million", "1.98", "participants", UI, "VN-HN", "2024-03-31", 1_980_000),
            F("of 2.4%", "2.4", "change_pct", CSI, "VN-HN", "2024-03-31", 2.4, compared_to="2023-03-31"),
            F("and 2.6%", "2.6", "change_pct", UI, "VN-HN", "2024-03-31", 2.6, compared_to="2023-03-31"),
        ],
    ),
    Case(
        "targets_by_2030_up_from_end_of_2023",
        "2024-05-20",
        None,
        "The social insurance sector strives to have 60% of the working-age labour force participating in social "
        "insurance and more than 95% of the population covered by health insurance by 2030, up from 39.25% and "
        "93.35% respectively at the end of 2023.",
        [
            T("have 60%", "60", "coverage_rate", SI, "VN", "2030-12-31", 60, denominator=WALF),
            T(
                "more than 95%",
                "95",
                "coverage_rate",
                HI,
                "VN",
                "2030-12-31",
                95,
                qualifier="more_than",
                denominator="population",
            ),
            F("from 39.25%", "39.25", "coverage_rate", SI, "VN", "2023-12-31", 39.25, denominator=WALF),
            F("and 93.35%", "93.35", "coverage_rate", HI, "VN", "2023-12-31", 93.35, denominator="population"),
        ],
    ),
    Case(
        "voluntary_si_end_of_november_and_year_target",
        "2022-12-05",
        None,
        "Vietnam Social Security said that by the end of November 2022, nearly 1.5 million people nationwide had "
        "joined voluntary social insurance, and the sector aims to attract at least 1.7 million participants by the "
        "end of the year.",
        [
            F("nearly 1.5 million", "1.5", "participants", VSI, "VN", "2022-11-30", 1_500_000, qualifier="nearly"),
            T("at least 1.7 million", "1.7", "participants", VSI, "VN", "2022-12-31", 1_700_000, qualifier="at_least"),
        ],
    ),
    Case(
        "quang_nam_half_year_with_conferences",
        "2021-07-08",
        None,
        "In the first six months of 2021, Quang Nam had 210,450 people participating in social insurance, of which "
        "47,230 joined voluntary social insurance, accounting for 6.7% of the working-age labour force. The "
        "provincial Social Insurance held 35 conferences to communicate the policies to 2,800 people in rural areas.",
        [
            F("had 210,450 people", "210,450", "participants", SI, "VN-27", "2021-06-30", 210_450),
            F("which 47,230 joined", "47,230", "participants", VSI, "VN-27", "2021-06-30", 47_230),
            F("for 6.7%", "6.7", "coverage_rate", VSI, "VN-27", "2021-06-30", 6.7, denominator=WALF),
        ],
        [("held 35 conferences", "35"), ("to 2,800 people", "2,800")],
    ),
    Case(
        "nghe_an_share_of_national_total",
        "2022-01-20",
        "VN-22",
        "By the end of 2021, Nghe An had 103,500 people participating in voluntary social insurance, accounting for "
        "7.1% of the country's total voluntary social insurance participants.",
        [
            F("had 103,500 people", "103,500", "participants", VSI, "VN-22", "2021-12-31", 103_500),
            F("for 7.1%", "7.1", "share_of_national", VSI, "VN-22", "2021-12-31", 7.1, parent="103,500"),
        ],
    ),
    Case(
        "decree_115_2015_and_labour_force_rate",
        "2016-02-10",
        None,
        "Decree No. 115/2015/ND-CP, detailing the Law on Social Insurance, took effect on January 1, 2016. By the end "
        "of 2015, 10.3 million people nationwide were covered by unemployment insurance, up 5.4% compared to 2014 and "
        "equal to 19.6% of the labour force.",
        [
            F("2015, 10.3 million", "10.3", "participants", UI, "VN", "2015-12-31", 10_300_000),
            F(
                "up 5.4%",
                "5.4",
                "change_pct",
                UI,
                "VN",
                "2015-12-31",
                5.4,
                compared_to="2014-12-31",
                parent="10.3",
            ),
            F("to 19.6%", "19.6", "coverage_rate", UI, "VN", "2015-12-31", 19.6, denominator="labour_force"),
        ],
        [("No. 115/2015", "115"), ("115/2015/ND", "2015"), ("January 1, 2016", "1")],
    ),
    Case(
        "ha_tinh_revenue_year_on_year_with_debt",
        "2023-01-06",
        "VN-23",
        "In 2022, Ha Tinh collected VND 2,850 billion in social insurance, health insurance and unemployment "
        "insurance contributions, up 4.3% year on year; outstanding debt stood at VND 125.6 billion, with 310 "
        "enterprises owing contributions for more than three months.",
        [
            F("VND 2,850 billion", "2,850", "revenue", ALL, "VN-23", "2022-12-31", 2_850),
            F(
                "up 4.3%",
                "4.3",
                "change_pct",
                ALL,
                "VN-23",
                "2022-12-31",
                4.3,
                compared_to="2021-12-31",
                parent="2,850",
            ),
        ],
        [("VND 125.6 billion", "125.6"), ("with 310", "310")],
    ),
    Case(
        "parenthesised_up_after_year_total",
        "2024-01-03",
        None,
        "In 2023, the number of people participating in social insurance nationwide reached 18.26 million (up 3.1% "
        "compared to 2022), of which voluntary social insurance participants were 1.83 million (up 8.2%).",
        [
            F("reached 18.26 million", "18.26", "participants", SI, "VN", "2023-12-31", 18_260_000),
            F(
                "(up 3.1%",
                "3.1",
                "change_pct",
                SI,
                "VN",
                "2023-12-31",
                3.1,
                compared_to="2022-12-31",
                parent="18.26",
            ),
            F("were 1.83 million", "1.83", "participants", VSI, "VN", "2023-12-31", 1_830_000),
            F(
                "(up 8.2%",
                "8.2",
                "change_pct",
                VSI,
                "VN",
                "2023-12-31",
                8.2,
                compared_to="2022-12-31",
                parent="1.83",
            ),
        ],
    ),
    Case(
        "small_revenue_in_vnd_million",
        "2021-04-12",
        "VN-22",
        "In the first quarter of 2021, the provincial Social Insurance collected more than VND 850 million from "
        "farmers joining voluntary social insurance, reaching 27.5% of the annual plan.",
        [
            F("VND 850 million", "850", "revenue", VSI, "VN-22", "2021-03-31", 0.85, qualifier="more_than"),
            F("reaching 27.5%", "27.5", "plan_attainment", VSI, "VN-22", "2021-03-31", 27.5, parent="850"),
        ],
    ),
]


@functools.cache
def _extracted(case_id: str) -> list[dict]:
    return extract_case(next(c for c in CASES if c.id == case_id))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_unseen_article(case: Case):
    problems = judge(case, _extracted(case.id))["problems"]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_spans_and_quotes_trace_back_to_the_body():
    assert all(_extracted(case.id) for case in CASES)  # every case states a figure
    for case in CASES:
        for figure in _extracted(case.id):
            assert case.body[figure["char_start"] : figure["char_end"]] == figure["number_text"], case.id
            assert figure["quote"] in case.body, case.id


def test_unseen_precision_and_recall():
    """Overall numbers across every case; the per-case tests above carry the failures."""
    judged = [judge(case, _extracted(case.id)) for case in CASES]
    record_metric("unseen extraction", summary(judged))
    found, extracted, expected = totals(judged, "found", "extracted", "expected")
    assert found == expected == extracted  # recall and precision 1

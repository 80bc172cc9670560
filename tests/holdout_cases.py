"""A held-out set of article bodies for measuring how the extractor generalises; NOT collected by pytest.

Written independently of ``tests/test_extraction_unseen.py`` (which was used to tune the extractor) and without
reading ``vocabulary.toml``. Same structure and conventions as that file: ``F``/``T`` give one expected figure or
target (unstated fields take the plain reading: exact, reported, no range, no denominator, no comparison base),
the anchor is a unique snippet of the body containing the number, and ``not_figures`` lists (anchor, number) pairs
that a careful analyst would not record as coverage figures. Expectations were written by reading the text, before
the extractor was run on it, and were not changed afterwards.

Conventions followed where the text is silent (the same as the unseen file and ``pipeline/schemas.py``):
- health insurance coverage rates are of the population; social/unemployment insurance coverage rates of the
  working-age labour force;
- no stated period means the published date; "this year" means the publication year;
- a figure for a period that had not ended when the article was published, or marked "estimated"/"expected",
  is an estimate;
- a headline (the first line, without a full stop) states figures that take the period of the body below it;
- money in VND billion; "some"/"roughly"/"around" are ``about``; "over"/"top" are ``more_than``.

Run ``uv run python -m tests.measure_holdout``.
"""

from tests.extraction_cases import ALL, CSI, HI, SI, UI, VSI, WALF, Case, F, T

POP = "population"

CASES = [
    Case(
        "bac_giang_headline_and_end_may",
        "2024-06-12",
        "VN-54",
        "Bac Giang's health insurance coverage hits 94.1%\n"
        "As of end-May 2024, health insurance coverage in Bac Giang stood at 94.1% of the population, with "
        "1,812,400 people holding health insurance cards. The provincial Social Insurance is paying pensions and "
        "monthly allowances to 38,250 people.",
        [
            F("hits 94.1%", "94.1", "coverage_rate", HI, "VN-54", "2024-05-31", 94.1, denominator=POP),
            F("at 94.1% of", "94.1", "coverage_rate", HI, "VN-54", "2024-05-31", 94.1, denominator=POP),
            F("with 1,812,400 people", "1,812,400", "participants", HI, "VN-54", "2024-05-31", 1_812_400),
        ],
        [("to 38,250 people", "38,250")],
    ),
    Case(
        "quang_ninh_figure_first_ten_months",
        "2023-11-08",
        None,
        "Some 342,600 people in Quang Ninh were participating in social insurance in the first 10 months of 2023, "
        "equivalent to 45.3% of the working-age labour force. The number of voluntary participants climbed to "
        "21,870, up 14.2% over the same period of 2022. The province's inflation rate was kept at 3.1%.",
        [
            F("Some 342,600", "342,600", "participants", SI, "VN-13", "2023-10-31", 342_600, qualifier="about"),
            F("equivalent to 45.3%", "45.3", "coverage_rate", SI, "VN-13", "2023-10-31", 45.3, denominator=WALF),
            F("climbed to 21,870", "21,870", "participants", VSI, "VN-13", "2023-10-31", 21_870),
            F(
                "up 14.2%",
                "14.2",
                "change_pct",
                VSI,
                "VN-13",
                "2023-10-31",
                14.2,
                compared_to="2022-10-31",
                parent="21,870",
            ),
        ],
        [("kept at 3.1%", "3.1")],
    ),
    Case(
        "can_tho_place_last_with_satisfaction_rate",
        "2024-01-15",
        "VN-CT",
        "Health insurance coverage reached 95.02% of the population at the end of 2023 in Can Tho, with roughly "
        "1.18 million people holding health insurance cards. The patient satisfaction rate at health "
        "insurance-covered facilities was recorded at 92%.",
        [
            F("reached 95.02%", "95.02", "coverage_rate", HI, "VN-CT", "2023-12-31", 95.02, denominator=POP),
            F("roughly 1.18 million", "1.18", "participants", HI, "VN-CT", "2023-12-31", 1_180_000, qualifier="about"),
        ],
        [("recorded at 92%", "92")],
    ),
    Case(
        "national_end_2023_stood_at_totalled_with_gdp",
        "2024-01-05",
        None,
        "By the end of 2023, the number of people participating in social insurance stood at 18.25 million, "
        "accounting for 39.25% of the working-age labour force, Vietnam Social Security announced. Unemployment "
        "insurance participants totalled 14.7 million, or 32.1% of the working-age labour force, while health "
        "insurance covered 93.35 million people, or 93.35% of the population. The country's GDP grew 5.05% in 2023.",
        [
            F("stood at 18.25 million", "18.25", "participants", SI, "VN", "2023-12-31", 18_250_000),
            F("for 39.25%", "39.25", "coverage_rate", SI, "VN", "2023-12-31", 39.25, denominator=WALF),
            F("totalled 14.7 million", "14.7", "participants", UI, "VN", "2023-12-31", 14_700_000),
            F("or 32.1%", "32.1", "coverage_rate", UI, "VN", "2023-12-31", 32.1, denominator=WALF),
            F("covered 93.35 million", "93.35", "participants", HI, "VN", "2023-12-31", 93_350_000),
            F("or 93.35% of", "93.35", "coverage_rate", HI, "VN", "2023-12-31", 93.35, denominator=POP),
        ],
        [("grew 5.05%", "5.05")],
    ),
    Case(
        "resolution_28_sets_2030_targets",
        "2023-05-22",
        None,
        "Resolution No. 28-NQ/TW sets the target of having about 60% of the working-age labour force participating "
        "in social insurance by 2030, of which voluntary participants make up 5% of the working-age labour force. By "
        "the same deadline, 45% of working-age labourers are to be covered by unemployment insurance.",
        [
            T("about 60%", "60", "coverage_rate", SI, "VN", "2030-12-31", 60, qualifier="about", denominator=WALF),
            T("make up 5%", "5", "coverage_rate", VSI, "VN", "2030-12-31", 5, denominator=WALF),
            T("deadline, 45%", "45", "coverage_rate", UI, "VN", "2030-12-31", 45, denominator=WALF),
        ],
        [("No. 28-NQ/TW", "28")],
    ),
    Case(
        "thai_nguyen_from_to_range_and_hotline",
        "2022-03-15",
        "VN-69",
        "Thai Nguyen aims for social insurance coverage of from 45% to 50% of the working-age labour force by 2025, "
        "while health insurance coverage is set to reach 97-98% of the population by the same year. A hotline, "
        "1900 9068, has been set up to answer questions from employers.",
        [
            T(
                "from 45% to 50%",
                "45",
                "coverage_rate",
                SI,
                "VN-69",
                "2025-12-31",
                45,
                value_high=50,
                denominator=WALF,
            ),
            T("reach 97-98%", "97", "coverage_rate", HI, "VN-69", "2025-12-31", 97, value_high=98, denominator=POP),
        ],
        [("1900 9068", "1900"), ("1900 9068", "9068")],
    ),
    Case(
        "hai_phong_fiscal_year_trillion_with_late_payment",
        "2024-01-10",
        None,
        "In fiscal year 2023, Hai Phong's social insurance agency collected VND 12.46 trillion in social, health and "
        "unemployment insurance premiums, reaching 101.2% of the assigned plan. Late payments totalled VND 486 "
        "billion, and the rate of late payment was 3.9% of the amount receivable.",
        [
            F("VND 12.46 trillion", "12.46", "revenue", ALL, "VN-HP", "2023-12-31", 12_460),
            F("reaching 101.2%", "101.2", "plan_attainment", ALL, "VN-HP", "2023-12-31", 101.2, parent="12.46"),
        ],
        [("VND 486", "486"), ("was 3.9%", "3.9")],
    ),
    Case(
        "da_nang_end_september_four_schemes",
        "2023-10-09",
        None,
        "As of September 30, 2023, Da Nang had 283,940 people participating in compulsory social insurance and "
        "16,210 in voluntary social insurance, while unemployment insurance participants numbered 270,300. Health "
        "insurance coverage was recorded at 97.3% of the population, among the highest in the country.",
        [
            F("had 283,940 people", "283,940", "participants", CSI, "VN-DN", "2023-09-30", 283_940),
            F("and 16,210 in", "16,210", "participants", VSI, "VN-DN", "2023-09-30", 16_210),
            F("numbered 270,300", "270,300", "participants", UI, "VN-DN", "2023-09-30", 270_300),
            F("at 97.3%", "97.3", "coverage_rate", HI, "VN-DN", "2023-09-30", 97.3, denominator=POP),
        ],
    ),
    Case(
        "mekong_three_provinces_one_sentence",
        "2023-12-12",
        None,
        "By the end of November 2023, health insurance coverage hit 93.8% in An Giang, 91.2% in Kien Giang and "
        "89.6% in Ca Mau. In Kien Giang, 29,400 people were joining voluntary social insurance.",
        [
            F("hit 93.8%", "93.8", "coverage_rate", HI, "VN-44", "2023-11-30", 93.8, denominator=POP),
            F("91.2% in Kien", "91.2", "coverage_rate", HI, "VN-47", "2023-11-30", 91.2, denominator=POP),
            F("89.6% in Ca", "89.6", "coverage_rate", HI, "VN-59", "2023-11-30", 89.6, denominator=POP),
            F("Giang, 29,400 people", "29,400", "participants", VSI, "VN-47", "2023-11-30", 29_400),
        ],
    ),
    Case(
        "nghe_an_sick_leave_and_pension_traps",
        "2023-08-04",
        "VN-22",
        "In the first seven months of 2023, the provincial Social Insurance settled sickness, maternity and "
        "convalescence benefits for 61,420 turns of people and paid pensions to 84,300 retirees. Meanwhile, "
        "voluntary social insurance participants totalled 118,560, accounting for 6.2% of the working-age labour "
        "force.",
        [
            F("totalled 118,560", "118,560", "participants", VSI, "VN-22", "2023-07-31", 118_560),
            F("for 6.2%", "6.2", "coverage_rate", VSI, "VN-22", "2023-07-31", 6.2, denominator=WALF),
        ],
        [("for 61,420 turns", "61,420"), ("to 84,300 retirees", "84,300")],
    ),
    Case(
        "national_this_year_estimated_with_age_trap",
        "2023-12-18",
        None,
        "The health insurance coverage rate nationwide this year is estimated at 93.35%, with over 92.3 million "
        "people covered, said the Deputy Minister of Health. People aged 60 and over account for about 12% of the "
        "population.",
        [
            F(
                "estimated at 93.35%",
                "93.35",
                "coverage_rate",
                HI,
                "VN",
                "2023-12-31",
                93.35,
                denominator=POP,
                status="estimate",
            ),
            F(
                "over 92.3 million",
                "92.3",
                "participants",
                HI,
                "VN",
                "2023-12-31",
                92_300_000,
                qualifier="more_than",
                status="estimate",
            ),
        ],
        [("aged 60 and", "60"), ("about 12% of", "12")],
    ),
    Case(
        "binh_dinh_half_year_against_end_2023_with_conferences",
        "2024-07-10",
        None,
        "In the first half of 2024, Binh Dinh recorded 38,870 voluntary social insurance participants, an increase "
        "of 4,125 people against end-2023. Compulsory participants stood at 127,600. The province held 112 "
        "conferences and dialogues with 9,500 attendees.",
        [
            F("recorded 38,870", "38,870", "participants", VSI, "VN-31", "2024-06-30", 38_870),
            F(
                "of 4,125 people",
                "4,125",
                "change_abs",
                VSI,
                "VN-31",
                "2024-06-30",
                4_125,
                compared_to="2023-12-31",
                parent="38,870",
            ),
            F("at 127,600", "127,600", "participants", CSI, "VN-31", "2024-06-30", 127_600),
        ],
        [("held 112", "112"), ("with 9,500 attendees", "9,500")],
    ),
    Case(
        "decree_116_support_and_ui_participants",
        "2021-09-28",
        None,
        "Under Decree No. 116/2021/ND-CP, employers and workers affected by COVID-19 received support worth VND 30.8 "
        "trillion from the unemployment insurance fund. More than 12.8 million people were covered by unemployment "
        "insurance nationwide as of August 31, 2021.",
        [
            F(
                "More than 12.8 million",
                "12.8",
                "participants",
                UI,
                "VN",
                "2021-08-31",
                12_800_000,
                qualifier="more_than",
            ),
        ],
        [("No. 116/2021", "116"), ("116/2021/ND", "2021"), ("VND 30.8", "30.8")],
    ),
    Case(
        "hcm_city_nine_months_trillion_year_on_year",
        "2023-10-16",
        None,
        "Total revenue from social insurance, health insurance and unemployment insurance in HCM City in the first "
        "nine months of 2023 totalled VND 56.2 trillion, up 7.4% year on year and equivalent to 72.5% of the annual "
        "plan, Saigon Giai Phong reported.",
        [
            F("VND 56.2 trillion", "56.2", "revenue", ALL, "VN-SG", "2023-09-30", 56_200),
            F(
                "up 7.4%",
                "7.4",
                "change_pct",
                ALL,
                "VN-SG",
                "2023-09-30",
                7.4,
                compared_to="2022-09-30",
                parent="56.2",
            ),
            F("to 72.5%", "72.5", "plan_attainment", ALL, "VN-SG", "2023-09-30", 72.5, parent="56.2"),
        ],
    ),
    Case(
        "headline_participants_top_18_million",
        "2024-01-03",
        None,
        "Social insurance participants top 18.2 million in 2023\n"
        "Vietnam ended 2023 with 18.26 million social insurance participants, an increase of 890,000 people over "
        "2022. Of these, voluntary participants accounted for 1.83 million.",
        [
            F("top 18.2 million", "18.2", "participants", SI, "VN", "2023-12-31", 18_200_000, qualifier="more_than"),
            F("with 18.26 million", "18.26", "participants", SI, "VN", "2023-12-31", 18_260_000),
            F(
                "of 890,000 people",
                "890,000",
                "change_abs",
                SI,
                "VN",
                "2023-12-31",
                890_000,
                compared_to="2022-12-31",
                parent="18.26",
            ),
            F("for 1.83 million", "1.83", "participants", VSI, "VN", "2023-12-31", 1_830_000),
        ],
    ),
    Case(
        "lao_cai_expected_this_year_and_current_count",
        "2022-12-29",
        "VN-02",
        "Lao Cai's health insurance coverage rate this year is expected to reach 98.5%, as the State budget fully "
        "covers premiums for ethnic minority people and residents of disadvantaged communes. The province's "
        "unemployment insurance participants number around 61,000.",
        [
            F(
                "reach 98.5%",
                "98.5",
                "coverage_rate",
                HI,
                "VN-02",
                "2022-12-31",
                98.5,
                denominator=POP,
                status="estimate",
            ),
            F("around 61,000", "61,000", "participants", UI, "VN-02", "2022-12-29", 61_000, qualifier="about"),
        ],
    ),
    Case(
        "vinh_phuc_debtors_first_then_compulsory",
        "2023-07-05",
        None,
        "Vinh Phuc Social Insurance said that as of end-June 2023, 1,030 enterprises owed social insurance premiums "
        "for three months or more, with arrears of VND 98.7 billion. The province had 196,480 compulsory social "
        "insurance participants, fulfilling 97.6% of the year's target.",
        [
            F("had 196,480", "196,480", "participants", CSI, "VN-70", "2023-06-30", 196_480),
            F("fulfilling 97.6%", "97.6", "plan_attainment", CSI, "VN-70", "2023-06-30", 97.6, parent="196,480"),
        ],
        [("2023, 1,030 enterprises", "1,030"), ("VND 98.7", "98.7")],
    ),
    Case(
        "khanh_hoa_share_and_climb_from_a_year_earlier",
        "2024-02-20",
        "VN-34",
        "Khanh Hoa had 31,250 voluntary social insurance participants by December 31, 2023, representing 1.7% of "
        "the country's total. The figure climbed 22.5% from a year earlier.",
        [
            F("had 31,250", "31,250", "participants", VSI, "VN-34", "2023-12-31", 31_250),
            F("representing 1.7%", "1.7", "share_of_national", VSI, "VN-34", "2023-12-31", 1.7, parent="31,250"),
            F(
                "climbed 22.5%",
                "22.5",
                "change_pct",
                VSI,
                "VN-34",
                "2023-12-31",
                22.5,
                compared_to="2022-12-31",
                parent="31,250",
            ),
        ],
    ),
    Case(
        "thai_binh_percent_of_working_age_labourers",
        "2023-01-12",
        None,
        "Thai Binh's social insurance coverage rose to 26.4% of working-age labourers by the end of 2022, while 21.7% "
        "of them had unemployment insurance. Health insurance coverage was 92.8% of the population.",
        [
            F("rose to 26.4%", "26.4", "coverage_rate", SI, "VN-20", "2022-12-31", 26.4, denominator=WALF),
            F("while 21.7%", "21.7", "coverage_rate", UI, "VN-20", "2022-12-31", 21.7, denominator=WALF),
            F("was 92.8%", "92.8", "coverage_rate", HI, "VN-20", "2022-12-31", 92.8, denominator=POP),
        ],
    ),
    Case(
        "ba_ria_vung_tau_nearly_with_years_and_hotline",
        "2023-09-14",
        None,
        "Ba Ria - Vung Tau had nearly 290,000 people participating in social insurance as of August 2023. Under the "
        "Law on Social Insurance, workers who reach retirement age but have paid premiums for fewer than 20 years "
        "may continue on voluntary social insurance. The provincial Social Insurance hotline is 0254 3856 799.",
        [
            F("nearly 290,000", "290,000", "participants", SI, "VN-43", "2023-08-31", 290_000, qualifier="nearly"),
        ],
        [("fewer than 20 years", "20"), ("is 0254 3856", "0254")],
    ),
    Case(
        "son_la_dien_bien_assigned_targets",
        "2024-04-02",
        None,
        "For 2024, Son La has been assigned a target of 93.5% health insurance coverage and Dien Bien a target of "
        "95.4%.",
        [
            T("target of 93.5%", "93.5", "coverage_rate", HI, "VN-05", "2024-12-31", 93.5, denominator=POP),
            T("target of 95.4%", "95.4", "coverage_rate", HI, "VN-71", "2024-12-31", 95.4, denominator=POP),
        ],
    ),
    Case(
        "phu_tho_first_quarter_figure_first",
        "2024-04-15",
        "VN-68",
        "Over 45,600 farmers and informal workers in Phu Tho were taking part in voluntary social insurance in the "
        "first quarter of 2024, up 3,870 people from the same period a year earlier. Compulsory participants reached "
        "163,900, while health insurance coverage stood at 94.2%.",
        [
            F("Over 45,600", "45,600", "participants", VSI, "VN-68", "2024-03-31", 45_600, qualifier="more_than"),
            F(
                "up 3,870 people",
                "3,870",
                "change_abs",
                VSI,
                "VN-68",
                "2024-03-31",
                3_870,
                compared_to="2023-03-31",
                parent="45,600",
            ),
            F("reached 163,900", "163,900", "participants", CSI, "VN-68", "2024-03-31", 163_900),
            F("at 94.2%", "94.2", "coverage_rate", HI, "VN-68", "2024-03-31", 94.2, denominator=POP),
        ],
    ),
    Case(
        "headline_unemployment_benefits_with_participants",
        "2023-12-08",
        None,
        "Unemployment benefits paid to nearly 1 million workers in 2023\n"
        "In the first 11 months of 2023, 914,000 people nationwide received unemployment benefits and 23,100 were "
        "supported with vocational training. Unemployment insurance participants as of end-November totalled 14.5 "
        "million.",
        [
            F("totalled 14.5", "14.5", "participants", UI, "VN", "2023-11-30", 14_500_000),
        ],
        [("nearly 1 million", "1"), ("2023, 914,000 people", "914,000"), ("and 23,100 were", "23,100")],
    ),
    Case(
        "long_an_visits_before_cardholders",
        "2024-01-19",
        "VN-41",
        "In 2023, 1.5 million health insurance-covered visits were made at medical facilities in Long An, costing "
        "the fund VND 2,140 billion. The number of health insurance card holders hit 1.6 million, a coverage rate "
        "of 92.7%.",
        [
            F("hit 1.6 million", "1.6", "participants", HI, "VN-41", "2023-12-31", 1_600_000),
            F("of 92.7%", "92.7", "coverage_rate", HI, "VN-41", "2023-12-31", 92.7, denominator=POP),
        ],
        [("2023, 1.5 million", "1.5"), ("VND 2,140 billion", "2,140")],
    ),
    Case(
        "dong_nai_currently_with_cpi",
        "2022-07-21",
        None,
        "Dong Nai currently has 862,400 workers covered by compulsory social insurance and some 830,000 by "
        "unemployment insurance. The province's consumer price index rose 2.8% in the first half of the year.",
        [
            F("has 862,400 workers", "862,400", "participants", CSI, "VN-39", "2022-07-21", 862_400),
            F("some 830,000", "830,000", "participants", UI, "VN-39", "2022-07-21", 830_000, qualifier="about"),
        ],
        [("rose 2.8%", "2.8")],
    ),
    Case(
        "nam_dinh_short_of_council_target",
        "2023-02-02",
        "VN-67",
        "Nam Dinh's health insurance coverage stood at 91.4% at the end of 2022, short of the 92.5% target set in "
        "Resolution No. 12/NQ-HDND of the provincial People's Council.",
        [
            F("at 91.4%", "91.4", "coverage_rate", HI, "VN-67", "2022-12-31", 91.4, denominator=POP),
            T("the 92.5% target", "92.5", "coverage_rate", HI, "VN-67", "2022-12-31", 92.5, denominator=POP),
        ],
        [("No. 12/NQ-HDND", "12")],
    ),
    Case(
        "tay_ninh_eight_months_revenue_with_arrears",
        "2023-09-06",
        None,
        "Tay Ninh Social Insurance collected over VND 2,470 billion in social insurance, health insurance and "
        "unemployment insurance premiums in the first eight months of 2023, reaching 64.8% of the yearly plan. "
        "Outstanding premiums owed amounted to VND 151 billion, or 3.7% of total receivables.",
        [
            F("VND 2,470 billion", "2,470", "revenue", ALL, "VN-37", "2023-08-31", 2_470, qualifier="more_than"),
            F("reaching 64.8%", "64.8", "plan_attainment", ALL, "VN-37", "2023-08-31", 64.8, parent="2,470"),
        ],
        [("VND 151 billion", "151"), ("or 3.7%", "3.7")],
    ),
    Case(
        "quang_tri_estimated_before_june_30",
        "2023-06-28",
        "VN-25",
        "By June 30, the social insurance coverage rate in Quang Tri is estimated to reach 24.6%, and the health "
        "insurance coverage rate 93.1%.",
        [
            F(
                "reach 24.6%",
                "24.6",
                "coverage_rate",
                SI,
                "VN-25",
                "2023-06-30",
                24.6,
                denominator=WALF,
                status="estimate",
            ),
            F(
                "rate 93.1%",
                "93.1",
                "coverage_rate",
                HI,
                "VN-25",
                "2023-06-30",
                93.1,
                denominator=POP,
                status="estimate",
            ),
        ],
    ),
    Case(
        "national_voluntary_end_june_with_pension_recipients",
        "2024-07-18",
        None,
        "Nationwide, nearly 2 million people were participating in voluntary social insurance as of the end of June "
        "2024, roughly 4.2% of the working-age labour force. Some 3.3 million people are receiving monthly pensions "
        "and social insurance allowances.",
        [
            F("nearly 2 million", "2", "participants", VSI, "VN", "2024-06-30", 2_000_000, qualifier="nearly"),
            F(
                "roughly 4.2%",
                "4.2",
                "coverage_rate",
                VSI,
                "VN",
                "2024-06-30",
                4.2,
                qualifier="about",
                denominator=WALF,
            ),
        ],
        [("Some 3.3 million", "3.3")],
    ),
    Case(
        "three_provinces_unemployment_stood_at",
        "2023-03-10",
        None,
        "At the end of 2022, unemployment insurance participants stood at 52,300 in Hau Giang, 71,800 in Soc Trang "
        "and 95,100 in Vinh Long.",
        [
            F("at 52,300", "52,300", "participants", UI, "VN-73", "2022-12-31", 52_300),
            F("71,800 in Soc", "71,800", "participants", UI, "VN-52", "2022-12-31", 71_800),
            F("95,100 in Vinh", "95,100", "participants", UI, "VN-49", "2022-12-31", 95_100),
        ],
    ),
    Case(
        "ninh_binh_period_targets_labour_force_in_working_age",
        "2021-06-10",
        "VN-18",
        "In the 2021-2025 period, Ninh Binh strives to raise the proportion of the working-age labour force joining "
        "social insurance to 40% by 2025, of which voluntary participants make up 3% of the labour force in working "
        "age; health insurance will cover at least 95% of the population.",
        [
            T("to 40% by", "40", "coverage_rate", SI, "VN-18", "2025-12-31", 40, denominator=WALF),
            T("make up 3%", "3", "coverage_rate", VSI, "VN-18", "2025-12-31", 3, denominator=WALF),
            T(
                "at least 95%",
                "95",
                "coverage_rate",
                HI,
                "VN-18",
                "2025-12-31",
                95,
                qualifier="at_least",
                denominator=POP,
            ),
        ],
        [("2021-2025 period", "2021"), ("-2025 period", "2025")],
    ),
    Case(
        "hai_duong_per_cent_so_far_this_year",
        "2022-11-21",
        None,
        "Hai Duong has so far this year had 92.6 per cent of its population covered by health insurance, while the "
        "social insurance coverage rate among working-age labourers was 35.2 per cent, Viet Nam News reported.",
        [
            F("had 92.6 per", "92.6", "coverage_rate", HI, "VN-61", "2022-11-21", 92.6, denominator=POP),
            F("was 35.2 per", "35.2", "coverage_rate", SI, "VN-61", "2022-11-21", 35.2, denominator=WALF),
        ],
    ),
]

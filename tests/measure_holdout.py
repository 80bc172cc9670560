"""Measure the extractor on the held-out cases in ``tests/holdout_cases.py``: a measurement, not a test.

Run ``uv run python -m tests.measure_holdout``. Prints every problem (miss, extra, wrong field), then the number of
cases, precision, recall, fields correct on found figures and cases fully right. Always exits 0.
"""

from tests.extraction_cases import extract_case, judge, summary
from tests.holdout_cases import CASES


def main() -> None:
    judged = []
    for case in CASES:
        try:
            figures = extract_case(case)
        except Exception as error:  # a crash on one case is a result, not a reason to stop
            print(f"[{case.id}] extractor raised {type(error).__name__}: {error}")
            figures = []
        judged.append(judge(case, figures))
    for problem in (p for j in judged for p in j["problems"]):
        print(problem)
    print(f"\ncases: {len(CASES)}\n{summary(judged)}")


if __name__ == "__main__":
    main()

"""The report's page on the household's life says what the plan holds, and only that."""

from __future__ import annotations

from tests.helpers import classic_demo, demo


def test_the_life_page_lists_the_partner_work_phases_and_events(qapp, us_locale):
    from planner.ui.report.life_section import life_section

    html = life_section(demo())
    for text in ("Partner", "born 1991, stops at 53, plans until 95", "Net salary", "$4,000 a month",
                 "salaries less planned spending", "Children at home", "Health cover before Medicare",
                 "Replace the car", "every 8 years, 5 times", "−$30,000", "New roof"):
        assert text in html, text


def test_a_plan_of_one_adult_saving_a_fixed_amount_says_so_and_lists_no_phases(qapp, us_locale):
    from planner.ui.report.life_section import life_section

    html = life_section(classic_demo())
    assert "Partner" not in html and "Net salary" not in html and "$2,800 a month" in html
    assert "Spending phases" not in html and "One-off events" not in html

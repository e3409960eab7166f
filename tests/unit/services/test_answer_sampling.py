"""The headline's success carries its sampling error: another seed's answer lands within it."""

from __future__ import annotations

import math

from planner.engine.metrics import sampling_error
from planner.services.answer import sampling_text


def test_the_sampling_error_is_the_binomial_95_percent_half_width():
    assert math.isclose(sampling_error(0.9, 10_000), 1.96 * math.sqrt(0.9 * 0.1 / 10_000))
    assert math.isclose(sampling_error(0.5, 100), 0.098)
    assert sampling_error(0.9, 2_000) > sampling_error(0.9, 10_000)  # fewer paths, wider


def test_the_text_names_points_and_is_silent_when_every_path_agrees():
    assert sampling_text(0.902, 10_000) == ", ± 0.6 points from sampling"
    assert sampling_text(1.0, 10_000) == ""
    assert sampling_text(0.0, 10_000) == ""

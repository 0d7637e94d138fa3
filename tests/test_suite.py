"""The test suite keeps its fast loop fast: a test starts another program only if it is marked
external, and every external test is slow, so ``pytest -m "not slow"`` starts none."""

from __future__ import annotations

import expect
import pytest


def test_a_test_not_marked_external_may_not_start_a_program() -> None:
    with pytest.raises(pytest.fail.Exception, match=r"mark it @pytest\.mark\.external"):
        expect.program("soffice", "a probe")


def test_every_external_test_is_also_slow(request: pytest.FixtureRequest) -> None:
    external = [
        item for item in request.session.items if item.get_closest_marker("external") is not None
    ]
    assert all(item.get_closest_marker("slow") is not None for item in external)

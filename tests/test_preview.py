"""The preview (make serve) keeps the results of its expensive steps from one build to the
next (plugins/coopsoc/memo.py); every other build computes them all."""

import threading

import pytest

from plugins.brochure import render
from plugins.brochure.settings import BROCHURE_PATH
from plugins.coopsoc import memo
from tests.harness.build import FIXTURE_DATA, build_into, data_settings

PREVIEW = {memo.PREVIEW_SETTING: True}
# How long a worker may take at most to start and compute (a bound, not a measure).
WORKER_BOUND = 300


@pytest.fixture(autouse=True)
def fresh_memo():
    memo.forget()
    yield
    memo.forget()


def counter():
    calls = []

    def compute():
        calls.append(None)
        return len(calls)

    return compute


def test_a_step_is_computed_once_for_the_same_inputs_in_the_preview_only():
    compute = counter()
    assert memo.remember(PREVIEW, "step", "a", compute) == 1
    assert memo.remember(PREVIEW, "step", "a", compute) == 1
    assert memo.remember(PREVIEW, "step", "b", compute) == 2
    assert memo.remember(PREVIEW, "step", lambda: "a", compute) == 1
    assert memo.remember({}, "step", "a", compute) == 3


def test_a_result_no_recent_build_used_is_dropped():
    compute = counter()
    memo.begin_build()
    assert memo.remember(PREVIEW, "step", "a", compute) == 1
    memo.begin_build()
    memo.begin_build()
    assert memo.remember(PREVIEW, "step", "a", compute) == 1
    for _ in range(3):
        memo.begin_build()
    assert memo.remember(PREVIEW, "step", "a", compute) == 2


def results():
    """An event set whenever a deferred step's result is kept."""
    ready = threading.Event()
    memo.on_result(lambda step: ready.set())
    return ready


def test_a_deferred_step_gives_its_previous_result_until_the_new_one_is_kept():
    ready = results()
    assert memo.remember_later(PREVIEW, "sum", "1+2", sum, (1, 2)) == 3
    assert memo.stale() == ()
    assert memo.remember_later(PREVIEW, "sum", "5+5", sum, (5, 5)) == 3
    assert memo.stale() == ("sum",)
    assert ready.wait(WORKER_BOUND)
    memo.begin_build()
    assert memo.remember_later(PREVIEW, "sum", "5+5", sum, (5, 5)) == 10
    assert memo.stale() == ()


def test_a_deferred_step_error_is_raised_by_the_build_that_asks_again():
    ready = results()
    assert memo.remember_later(PREVIEW, "int", "1", int, "1") == 1
    assert memo.remember_later(PREVIEW, "int", "x", int, "x") == 1
    assert ready.wait(WORKER_BOUND)
    with pytest.raises(ValueError):
        memo.remember_later(PREVIEW, "int", "x", int, "x")


def test_the_preview_renders_the_brochure_again_only_when_its_html_changes(tmp_path, monkeypatch):
    renders = []
    original = render.render_pdf

    def counting(*args, **kwargs):
        renders.append(None)
        return original(*args, **kwargs)

    monkeypatch.setattr(render, "render_pdf", counting)
    settings = {**data_settings(FIXTURE_DATA), **PREVIEW}
    first = (build_into(tmp_path / "1", **settings) / BROCHURE_PATH).read_bytes()
    second = (build_into(tmp_path / "2", **settings) / BROCHURE_PATH).read_bytes()
    assert len(renders) == 1
    assert second == first
    # Another title: the build goes on with the previous PDF, a worker renders the new one.
    ready = results()
    settings["BROCHURE_TITLE"] = "Plaquette d’essai"
    third = (build_into(tmp_path / "3", **settings) / BROCHURE_PATH).read_bytes()
    assert third == first
    assert memo.stale() == ("brochure",)
    assert ready.wait(WORKER_BOUND)
    memo.begin_build()
    fourth = (build_into(tmp_path / "4", **settings) / BROCHURE_PATH).read_bytes()
    assert memo.stale() == ()
    assert len(renders) == 1  # rendered by the worker, not in this process
    del settings[memo.PREVIEW_SETTING]
    complete = (build_into(tmp_path / "5", **settings) / BROCHURE_PATH).read_bytes()
    assert len(renders) == 2  # a build outside the preview renders every time
    assert fourth == complete != first

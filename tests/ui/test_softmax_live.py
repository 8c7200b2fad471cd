"""The softmax lab's live-training helpers: run state, Play/Step/Reset, divergence."""

from streamlit.testing.v1 import AppTest


def controls_app():
    from dataclasses import dataclass

    import streamlit as st

    from engine.trainer import Divergence
    from ui import text
    from ui.softmax import live

    T = text.load("softmax")

    @dataclass
    class Run:
        config: tuple
        builds: int

    count = st.session_state.setdefault("builds", [0])

    def build(config):
        count[0] += 1
        return Run(config, count[0])

    config = (st.session_state.get("lr", 0.03),)
    run = live.get_run("demo", config, build)
    live.buttons("demo", T)
    st.write(f"build {run.builds} epochs {live.epochs_to_train('demo', 5)}")
    if st.session_state.get("diverge"):
        live.report_divergence("demo", Divergence(7, "loss"), T)


def line(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("build"))


def test_play_step_reset_and_rebuild_on_a_new_configuration():
    at = AppTest.from_function(controls_app).run(timeout=30)
    assert line(at) == "build 1 epochs 0"  # paused: no training
    at.button(key="demo_play").click().run()
    assert line(at) == "build 1 epochs 5" and at.button(key="demo_play").label == "Pause"
    at.button(key="demo_step").click().run()  # Step pauses and trains one epoch
    assert line(at) == "build 1 epochs 1"
    at.run()
    assert line(at) == "build 1 epochs 0"
    at.button(key="demo_reset").click().run()
    assert line(at) == "build 2 epochs 0"
    at.session_state["lr"] = 0.1  # another configuration: a new run
    at.run()
    assert line(at) == "build 3 epochs 0"
    at.run()
    assert line(at) == "build 3 epochs 0"


def test_divergence_stops_a_running_section_with_a_message():
    at = AppTest.from_function(controls_app).run(timeout=30)
    at.button(key="demo_play").click().run()
    at.session_state["diverge"] = True
    at.run()
    assert at.session_state["demo_running"] is False
    assert "diverged at epoch 7" in at.warning[0].value
    assert at.button(key="demo_play").label == "Play"

"""AppTest of the CNN page: every tab runs, the steppers advance, training ticks, bad input."""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from ui import text

T = text.load("cnn")
PAGE = "../../pages/4_CNN.py"


def open_tab(name: str | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    if name is not None:
        at.session_state["cnn_tab"] = T["tabs"][name]
    at.run()
    assert not at.exception
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def latex(at: AppTest) -> list[str]:
    return [x.value.strip("$\n") for x in at.latex]


def test_lecture_example_steps_forward_and_plays_to_the_end():
    at = open_tab()
    assert "**Step 1 of 9**" in markdown(at) and "becomes **4**" in markdown(at)
    assert any(x.startswith(r"Z_{0,0} = 1\cdot1") and x.endswith("= 4") for x in latex(at))
    at.button(key="cnn_conv_next").click().run()
    assert "**Step 2 of 9**" in markdown(at) and "(0, 1) becomes **3**" in markdown(at)
    at.button(key="cnn_conv_play").click().run()  # playing: every run moves one step
    assert "**Step 3 of 9**" in markdown(at)
    for _ in range(8):
        at.run()
    assert "**Step 9 of 9**" in markdown(at) and "(2, 2) becomes **4**" in markdown(at)
    assert at.session_state["cnn_conv"].running is False  # stopped at the last step
    at.button(key="cnn_conv_reset").click().run()
    assert "**Step 1 of 9**" in markdown(at)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("cnn_conv_k", 7, "larger than the padded image"),
        ("cnn_conv_s", 0, "stride s must be at least 1"),
        ("cnn_conv_s", 3, "not a whole number"),
    ],
)
def test_bad_sizes_are_explained_not_tracebacks(key, value, message):
    at = open_tab()
    at.number_input(key=key).set_value(value).run()
    assert not at.exception
    assert any(message in e.value for e in at.error)
    assert not any("Step" in m.value for m in at.markdown)


def test_padding_and_stride_change_the_output_size():
    at = open_tab()
    at.number_input(key="cnn_conv_p").set_value(1).run()
    at.number_input(key="cnn_conv_s").set_value(2).run()
    assert any(x.endswith("= 3") and "5 + 2 - 3" in x for x in latex(at))
    assert "**Step 1 of 9**" in markdown(at)


def test_pooling_max_and_average():
    at = open_tab("pool")
    assert "output cell (0, 0) becomes **6**" in markdown(at)
    at.radio(key="cnn_pool_mode").set_value("avg").run()
    assert "output cell (0, 0) becomes **3.25**" in markdown(at)
    at.button(key="cnn_pool_next").click().run()
    assert "output cell (0, 1) becomes **5.25**" in markdown(at)


def test_classic_kernels_tab_draws_every_filter():
    at = open_tab("kernels")
    charts = at.get("plotly_chart")
    assert len(charts) == 1 + 2 * 6  # the digit, then each kernel's output and weights
    at.selectbox(key="cnn_kernels_digit").set_value(0).run()
    assert not at.exception


def test_training_ticks_and_kernels_change():
    at = open_tab("train")
    assert any(T["train"]["no_history"] in i.value for i in at.info)
    at.button(key="cnn_train_play").click().run()
    run = at.session_state["cnn_run"]
    assert run.running and len(run.trainer.kernels) == 2
    at.run()  # a timer tick in the browser; in AppTest, another run
    assert len(run.trainer.kernels) == 3
    assert not np.allclose(run.trainer.kernels[0], run.trainer.kernels[-1])
    accuracy = next(m for m in at.metric if m.label == T["train"]["m_acc"])
    assert accuracy.value.endswith("%")
    at.button(key="cnn_train_play").click().run()  # pause
    assert not run.running
    slider = at.select_slider(key=f"cnn_timeline_{len(run.trainer.kernels)}")
    slider.set_value(0).run()  # scrub back to the random start
    assert any("epoch 0.00" in m.value for m in at.markdown)


def test_changing_a_setting_starts_a_fresh_run():
    at = open_tab("train")
    at.button(key="cnn_train_epoch").click().run()
    first = at.session_state["cnn_run"]
    assert first.trainer.epoch == 1
    at.radio(key="cnn_pool").set_value("avg").run()
    assert at.session_state["cnn_run"] is not first
    assert at.session_state["cnn_run"].trainer.spec.pool == "avg"


def test_torch_engine_trains_too():
    pytest.importorskip("torch")
    at = open_tab("train")
    at.sidebar.radio(key="cnn_engine").set_value("torch (CPU)").run()
    at.button(key="cnn_train_epoch").click().run()
    assert not at.exception
    assert type(at.session_state["cnn_run"].trainer.model).__module__.startswith(
        "engine.torch_backend"
    )


def test_draw_a_digit_needs_a_model_then_predicts_and_rejects_a_blank_grid():
    at = open_tab("draw")
    at.button(key="cnn_draw_train").click().run()
    assert not at.exception
    prediction = next(m for m in at.metric if m.label == T["draw"]["prediction"])
    assert prediction.value == "7"  # the grid starts from a test 7
    at.button(key="cnn_draw_clear").click().run()
    assert any(T["draw"]["blank"] in e.value for e in at.error)
    assert not any(m.label == T["draw"]["prediction"] for m in at.metric)
    at.radio(key="cnn_draw_source").set_value("upload").run()
    assert any(T["draw"]["upload_hint"] in c.value for c in at.caption)


def test_workshop_trains_mlp_and_cnn_side_by_side():
    at = open_tab("workshop")
    params = [m.value for m in at.metric if m.label == T["workshop"]["m_params"]]
    assert params == ["407,050", "9,098"]
    at.button(key="cnn_ws_play").click().run()
    at.run()
    ws = at.session_state["cnn_workshop"]
    assert ws.trainers["mlp"].history["epoch"] and ws.trainers["cnn"].history["epoch"]
    assert len(at.get("plotly_chart")) == 1


def test_settings_and_the_trained_network_survive_a_visit_to_another_tab():
    at = open_tab("train")
    at.radio(key="cnn_pool").set_value("avg").run()
    at.button(key="cnn_train_epoch").click().run()
    run = at.session_state["cnn_run"]
    at.session_state["cnn_tab"] = T["tabs"]["conv"]
    at.run()
    at.session_state["cnn_tab"] = T["tabs"]["train"]
    at.run()
    assert at.radio(key="cnn_pool").value == "avg"
    assert at.session_state["cnn_run"] is run and run.trainer.epoch == 1

"""AppTest of the neuron and backprop page: one test per tab, each with a real interaction."""

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from engine import activation_gallery as gallery
from engine.backprop_steps import fmt
from ui import text

PAGE = "../../pages/1_Neuron_and_backprop.py"
T = text.load("backprop")
TIMEOUT = 60


def open_tab(key: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    at.query_params["tab"] = key
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def figures(at: AppTest) -> list[dict]:
    """The tab's plotly figures in page order (a chart is an UnknownElement with a JSON spec)."""
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def array(value) -> np.ndarray:
    """A figure's data array: plain JSON lists, or plotly's typed arrays {dtype, bdata, shape}."""
    if isinstance(value, dict):
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")
        if isinstance(shape, str):
            shape = [int(n) for n in shape.split(",")]
        return flat.reshape(shape) if shape else flat
    return np.array(value)


def latex(at: AppTest) -> list[str]:
    return [e.value for e in at.latex]


def test_neuron_starts_with_the_lecture_example_and_follows_the_sliders():
    at = open_tab("neuron")
    assert any("= 1.2" in line for line in latex(at))  # me·0.1 + siento·0.2 + feliz·0.9
    at.slider(key="bp_w2").set_value(0.5).run()
    assert any(r"= 0.8" in line and r"1 \cdot 0.5" in line for line in latex(at))
    curve = figures(at)[0]
    point = next(t for t in curve["data"] if t.get("mode") == "markers")
    assert array(point["x"]) == pytest.approx([0.8])
    assert array(point["y"]) == pytest.approx([1 / (1 + np.exp(-0.8))])
    at.selectbox(key="bp_activation").set_value("relu").run()
    point = next(t for t in figures(at)[0]["data"] if t.get("mode") == "markers")
    assert array(point["y"]) == pytest.approx([0.8])


def test_gallery_shows_every_activation_and_the_softmax_jacobian():
    at = open_tab("gallery")
    figs = figures(at)
    assert len(figs) == len(gallery.GALLERY) + 1
    sigmoid = figs[gallery.NAMES.index("sigmoid")]
    assert array(sigmoid["data"][1]["y"]).max() == pytest.approx(0.25, abs=1e-3)  # σ' ≤ 1/4
    markdown = " ".join(m.value for m in at.markdown)
    assert markdown.count(T["gallery"]["not_usable"]) == 2
    assert markdown.count(T["gallery"]["usable"]) == len(gallery.GALLERY) - 2
    J = array(figs[-1]["data"][0]["z"])
    np.testing.assert_allclose(J, gallery.softmax_jacobian(np.array(gallery.LECTURE_LOGITS)))


def test_nonlinear_collapse_is_shown_with_numbers_and_tanh_beats_linear():
    at = open_tab("nonlinear")
    W1, W2, W_star = (array(f["data"][0]["z"]) for f in figures(at)[:3])
    assert W1.shape == (8, 9) and W2.shape == (9, 4) and W_star.shape == (8, 4)
    np.testing.assert_allclose(W1 @ W2, W_star, atol=1e-12)
    at.number_input(key="bp_collapse_seed").set_value(7).run()
    W1_new = array(figures(at)[0]["data"][0]["z"])
    assert not np.allclose(W1_new, W1)
    at.selectbox(key="bp_nl_dataset").set_value("circle").run()
    titles = [a["text"] for a in figures(at)[3]["layout"]["annotations"]]
    accuracy = [float(t.split()[-1].rstrip("%")) for t in titles]
    assert accuracy[0] < 70 < 90 < accuracy[1]  # linear vs tanh


def status(at: AppTest) -> str:
    """The stepper's heading: epoch, step and what the step computes."""
    return next(m.value for m in at.markdown if m.value.startswith("####"))


def test_backprop_stepper_steps_forward_and_back_with_the_engine_numbers():
    at = open_tab("backprop")
    assert "Epoch 0 · step 1 of 12" in status(at)
    at.button(key="bp_next").click().run()
    assert "step 2 of 12" in status(at)
    run = at.session_state["backprop_run"]
    Z1 = run.stepper.steps[1].results["Z1"]
    assert fmt(float(Z1[2, 3])) in " ".join(latex(at))
    for _ in range(6):
        at.button(key="bp_next").click().run()
    assert "step 8 of 12" in status(at)
    dW2 = run.stepper.model.grads["W2"]
    assert fmt(float(dW2[1, 0])) in " ".join(latex(at))
    at.button(key="bp_prev").click().run()
    assert "step 7 of 12" in status(at)


def test_backprop_play_train_and_numerical_check():
    at = open_tab("backprop")
    at.button(key="bp_play").click().run()
    run = at.session_state["backprop_run"]
    assert run.playing
    index = run.stepper.index
    at.run()  # a tick: run_every never fires in AppTest
    assert at.session_state["backprop_run"].stepper.index == index + 1
    at.button(key="bp_play").click().run()
    assert not at.session_state["backprop_run"].playing
    at.button(key="bp_train").click().run()
    assert at.session_state["backprop_run"].stepper.epoch == 100
    at.button(key="bp_check").click().run()
    check = at.session_state["backprop_run"].check
    assert check[0] == 100 and check[3] < 1e-6
    assert any("Relative error between" in m.value for m in at.markdown)
    assert at.dataframe[0].value.shape == (21, 4)


def test_depth_tab_compares_inits_and_gradient_norms():
    at = open_tab("depth")
    at.selectbox(key="bp_init_act").set_value("sigmoid").run()
    assert not at.exception
    figs = figures(at)
    loss, _, zeros_units, xavier_units, norms = figs
    assert len(loss["data"]) == 5
    Z = array(zeros_units["data"][0]["z"])  # (units, points)
    np.testing.assert_allclose(Z, np.broadcast_to(Z[:1], Z.shape))  # every unit identical
    assert np.ptp(array(xavier_units["data"][0]["z"]), axis=0).max() > 0.01
    sigmoid = array(norms["data"][0]["y"])
    assert sigmoid[0] < 1e-3 * sigmoid[-1]
    at.slider(key="bp_norm_depth").set_value(10).run()
    assert array(figures(at)[-1]["data"][0]["y"]).shape == (11,)

"""AppTest of the sequence lab: it trains when played, the gate heatmaps change, bad input is a
clear message. run_every never fires in AppTest, so each .run() stands for one tick."""

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

PAGE = "../../pages/5_Sequences.py"
TIMEOUT = 60


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    app.run()
    assert not app.exception, app.exception
    return app


def charts(app: AppTest) -> dict[str, dict]:
    """Plotly figures by their element key (each is an UnknownElement whose proto.spec is JSON)."""
    found = {}
    for el in app.main:
        proto = getattr(el, "proto", None)
        spec = getattr(proto, "spec", None)
        if spec:
            fig = json.loads(spec)
            found[proto.id] = fig
    return found


def decode(z) -> np.ndarray:
    """Plotly sends numpy arrays as typed arrays: {"dtype", "bdata" (base64), "shape"}."""
    if isinstance(z, dict):
        A = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"])
        return A.reshape([int(n) for n in str(z["shape"]).split(",")]) if "shape" in z else A
    return np.asarray(z)


def gate_values(app: AppTest) -> np.ndarray:
    """The values of the first heatmap in the gate figure (units x time steps)."""
    figs = [f for f in charts(app).values() if f["layout"].get("coloraxis3")]
    assert figs, "no gate heatmap figure on the page"
    return decode(figs[0]["data"][0]["z"])


def metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def test_page_opens_with_every_view(at):
    assert at.title[0].value.endswith("Sequences: RNN, LSTM and GRU")
    assert not at.error
    assert metric(at, "Training steps") == "0"
    assert "No training yet" in at.info[0].value  # no empty curves before the first step
    layouts = [f["layout"] for f in charts(at).values()]
    titles = [a["text"] for lay in layouts for a in lay.get("annotations", [])]
    for gate in ("f forget", "i input", "o output", "ĉ candidate", "c memory", "h output"):
        assert gate in titles
    assert "one-hot input X_t" in titles and "prediction Ŷ_t" in titles
    assert any("Show the engine code" in e.label for e in at.expander)


def test_play_trains_and_the_gates_change(at):
    before = gate_values(at)
    at.button(key="seq_play").click().run()
    at.run()  # one more tick
    assert metric(at, "Training steps") == "20"
    after = gate_values(at)
    assert after.shape == before.shape == (16, 17)  # 16 units, lag 10 + 7 steps
    assert np.abs(after - before).max() > 0.01
    at.button(key="seq_pause").click().run()
    assert metric(at, "Training steps") == "20"
    assert at.select_slider(key="seq_timeline_20").value == 20
    at.select_slider(key="seq_timeline_20").set_value(0).run()  # scrub back to the start
    np.testing.assert_array_equal(gate_values(at), before)


def test_switching_model_and_task(at):
    at.sidebar.radio(key="seq_model").set_value("GRU").run()
    titles = [a["text"] for f in charts(at).values() for a in f["layout"].get("annotations", [])]
    assert "z update" in titles and "f forget" not in titles
    at.sidebar.selectbox(key="seq_task").set_value("brackets").run()
    assert not at.exception and not at.error
    at.text_input(key="seq_probe_brackets_24_2").set_value("(()())").run()
    assert not at.error
    assert gate_values(at).shape == (16, 6)  # one column per typed token


@pytest.mark.parametrize(
    ("widget", "value", "message"),
    [
        ("seq_len_remember", 500, "at most 64"),
        ("seq_hidden", 4096, "hidden size"),
    ],
)
def test_beyond_the_server_limit_is_a_clear_message(at, widget, value, message):
    at.sidebar.number_input(key=widget).set_value(value).run()
    assert not at.exception
    assert any(message in e.value for e in at.error)


def test_out_of_vocabulary_and_empty_sequences(at):
    key = next(t.key for t in at.text_input if t.key.startswith("seq_probe_"))
    at.text_input(key=key).set_value("01M1x?").run()
    assert not at.exception
    assert any("'x' not in this task's vocabulary" in e.value for e in at.error)
    at.text_input(key=key).set_value("").run()
    assert any("empty" in e.value for e in at.error)


def test_empty_training_text(at):
    at.sidebar.selectbox(key="seq_task").set_value("text").run()
    assert not at.error
    at.sidebar.text_area(key="seq_text").set_value("  ").run()
    assert not at.exception
    assert any("training text is empty" in e.value for e in at.error)


def test_lag_comparison_and_sweep_run_on_demand(at):
    at.number_input(key="seq_cmp_lag").set_value(2)
    at.number_input(key="seq_cmp_steps").set_value(50).run()
    at.button(key="seq_cmp_go").click().run()
    assert not at.exception and not at.error
    texts = " ".join(m.value for m in at.markdown)
    for name in ("RNN", "LSTM", "GRU"):
        assert f"**{name}** reaches" in texts
    titles = [f["layout"].get("title", {}).get("text") for f in charts(at).values()]
    assert "Accuracy while training on remember-a-bit" in titles
    assert "‖dJ/dh_t‖ against the distance from the output" in titles
    at.button(key="seq_sweep_go").click().run()
    assert not at.exception
    sweep = [
        f
        for f in charts(at).values()
        if f["layout"].get("title", {}).get("text", "").startswith("Plain RNN")
    ]
    assert len(decode(sweep[0]["data"][0]["y"])) == 8  # one final accuracy per lag tried


def test_lag_beyond_the_limit_in_the_comparison(at):
    at.number_input(key="seq_cmp_lag").set_value(100).run()
    assert not at.exception
    assert any("at most 64" in e.value for e in at.error)


def test_step_advances_and_the_timeline_follows(at):
    at.button(key="seq_step").click().run()
    at.button(key="seq_step").click().run()
    assert metric(at, "Training steps") == "20"
    assert at.select_slider(key="seq_timeline_20").value == 20
    at.button(key="seq_reset").click().run()
    assert metric(at, "Training steps") == "0"


def test_torch_engine_trains_the_same_page(at):
    pytest.importorskip("torch")
    at.sidebar.radio(key="seq_engine").set_value("torch (CPU)").run()
    at.button(key="seq_step").click().run()
    assert not at.exception and not at.error
    assert metric(at, "Training steps") == "10"
    assert gate_values(at).shape == (16, 17)

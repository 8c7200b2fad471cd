"""The shared page scaffolding: bad input shows a message, never a traceback."""

from streamlit.testing.v1 import AppTest


def page_with_errors():
    import streamlit as st

    from ui.common import engine_picker, user_errors

    engine_picker("engine")
    with user_errors():
        raise ValueError("learning rate α must be a number in (0, 1000]; got 0.0")
    with user_errors():
        raise ZeroDivisionError("an engine bug")
    st.write("still running")


def test_errors_become_messages_and_the_page_goes_on():
    at = AppTest.from_function(page_with_errors).run(timeout=30)
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors[0].startswith("learning rate α")
    assert "Something went wrong" in errors[1] and "ZeroDivisionError" not in errors[1]
    assert at.markdown[-1].value == "still running"


def test_engine_picker_offers_numpy_first():
    at = AppTest.from_function(page_with_errors).run(timeout=30)
    radio = at.sidebar.radio[0]
    assert radio.value == "numpy"
    assert radio.options[0] == "NumPy"


def page_with_a_late_tick():
    """A tick still training in its own thread (as after a Pause click) and the run after it."""
    import threading
    import time

    import streamlit as st
    from streamlit.runtime.scriptrunner import add_script_run_ctx

    from ui.common import one_run_at_a_time

    log = []

    def late_tick():
        with one_run_at_a_time():
            log.append("tick starts")
            time.sleep(0.3)
            log.append("tick ends")

    with one_run_at_a_time(), one_run_at_a_time():  # re-entrant: a fragment inside the page
        tick = add_script_run_ctx(threading.Thread(target=late_tick))  # this session's thread
    tick.start()
    while not log:
        time.sleep(0.01)
    with one_run_at_a_time():
        log.append("page draws")
    tick.join()
    st.write(" / ".join(log))


def test_a_late_tick_finishes_before_the_page_draws():
    at = AppTest.from_function(page_with_a_late_tick).run(timeout=30)
    assert not at.exception
    assert at.markdown[-1].value == "tick starts / tick ends / page draws"

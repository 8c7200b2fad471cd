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
    assert radio.value == "NumPy"
    assert "NumPy" in radio.options

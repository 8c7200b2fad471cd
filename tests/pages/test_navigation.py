"""The sidebar's list of pages: every page file, each by its own short name, the home page too."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui import common, text

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_every_page_file_is_listed_once():
    files = ["app.py", *sorted(f"pages/{p.name}" for p in (REPO_ROOT / "pages").glob("*.py"))]
    assert list(common.PAGES) == files


def test_the_sidebar_names_the_home_page_playground():
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    links = at.sidebar.get("page_link")
    labels = [link.proto.label for link in links]
    assert labels == [text.load(key)["nav"] for key in common.PAGES.values()]
    assert labels[0] == "Playground"
    # Each link goes to its page's own URL: "" for the home page, "CNN" for pages/4_CNN.py.
    assert [link.proto.page for link in links] == [
        "", "Neuron_and_backprop", "Loss_surface", "Softmax", "CNN", "Sequences", "GAN",
        "Workshops", "Problems",
    ]  # fmt: skip

"""The sequence tasks: seeded, correctly labelled, and clear about bad input."""

import numpy as np
import pytest

from engine.sequences import MAX_SEQ_LEN, TASKS, make_task


def test_same_seed_same_batch_and_shapes():
    for key in TASKS:
        task = make_task(key, 6, text="hello world, hello lstm")
        X1, Y1, m1 = task.batch(np.random.default_rng(3), 5)
        X2, Y2, _ = task.batch(np.random.default_rng(3), 5)
        np.testing.assert_array_equal(X1, X2)
        np.testing.assert_array_equal(Y1, Y2)
        assert X1.shape[:2] == (5, task.T) and X1.shape[2] == task.n_in
        assert m1.shape == (5, task.T) and m1.any()
        if task.vocab:  # one-hot: [batch, seq_len, vocab] with one 1 per step
            np.testing.assert_array_equal(X1.sum(axis=-1), 1)


def test_brackets_target_is_the_depth():
    task = make_task("brackets", 6)
    Y, _ = task.label(task.encode("(()(()"))
    assert Y.tolist() == [[1, 2, 1, 2, 3, 2]]
    X, Y, _ = task.batch(np.random.default_rng(0), 50)
    steps = np.where(X[..., 0] == 1, 1, -1)  # ( = +1, ) = −1
    np.testing.assert_array_equal(np.cumsum(steps, axis=1), Y)
    with pytest.raises(ValueError, match="below 0"):
        task.label(task.encode("())"))


def test_remember_answers_the_bit_after_the_marker():
    task = make_task("remember", 20)
    assert task.T == 5 + 20 + 2
    ids, Y, mask = task.sample(np.random.default_rng(1), 200)
    marker = (ids == 2).argmax(axis=1)
    assert marker.max() < 5 and (ids == 2).sum(axis=1).tolist() == [1] * 200
    np.testing.assert_array_equal(Y[:, -1], ids[np.arange(200), marker + 1])
    assert mask[:, :-1].sum() == 0 and mask[:, -1].all()
    assert 0.35 < Y[:, -1].mean() < 0.65  # both answers occur: chance is 50%
    Y, mask = task.label(task.encode("01M1000?"))
    assert Y[0, -1] == 1 and mask[0, -1] == 1


def test_anbn_counts_only_the_determined_steps():
    task = make_task("anbn", 4)
    Y, mask = task.label(task.encode("aaabbbE"))
    assert mask.tolist() == [[0, 0, 0, 1, 1, 1, 0]]
    assert [task.classes[k] for k in Y[0, 3:6]] == ["b", "b", "E"]
    Z = np.eye(3)[Y] * 5.0  # a perfect predictor
    assert task.accuracy(Z, Y, mask) == 1.0
    Z[0, 5] = np.eye(3)[1] * 5  # says b where E comes: the whole sequence is wrong
    assert task.accuracy(Z, Y, mask) == 0.0


def test_sine_targets_are_the_next_value():
    task = make_task("sine", 10)
    X, Y, _ = task.batch(np.random.default_rng(0), 4)
    np.testing.assert_allclose(X[:, 1:], Y[:, :-1])
    assert task.accuracy(Y, Y, np.ones((4, 10))) == pytest.approx(1.0)


def test_text_windows_predict_the_next_character():
    text = "abcabcabd"
    task = make_task("text", 4, text=text)
    assert task.vocab == ("a", "b", "c", "d")
    X, Y, _ = task.batch(np.random.default_rng(0), 6)
    ids = X.argmax(axis=-1)
    np.testing.assert_array_equal(ids[:, 1:], Y[:, :-1])


@pytest.mark.parametrize(
    ("key", "length", "text", "match"),
    [
        ("remember", MAX_SEQ_LEN, "", "at most"),
        ("brackets", MAX_SEQ_LEN + 1, "", "at most"),
        ("anbn", 40, "", "at most"),
        ("text", 5, "", "empty"),
        ("text", 5, "   ", "empty"),
        ("text", 50, "too short", "at least"),
        ("brackets", 0, "", "≥ 1"),
        ("sudoku", 5, "", "task must be"),
    ],
)
def test_bad_settings_are_clear_errors(key, length, text, match):
    with pytest.raises(ValueError, match=match):
        make_task(key, length, text=text)


def test_typed_sequences_are_checked():
    task = make_task("text", 4, text="hello there")
    assert task.encode("hello").shape == (1, 5)
    with pytest.raises(ValueError, match="'z' not in this task's vocabulary"):
        task.encode("hez")
    with pytest.raises(ValueError, match="empty"):
        task.encode("")
    with pytest.raises(ValueError, match="at most"):
        task.encode("h" * (MAX_SEQ_LEN + 1))
    with pytest.raises(ValueError, match="numbers"):
        make_task("sine", 5).encode("0.5")

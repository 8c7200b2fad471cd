"""The CNN lab's sections (one module per tab) and figures."""

# Widget options that keep a control's value for the whole session, so that a tab the user leaves
# and comes back to shows the same settings (and the same trained network).
KEEP = {"persist_state": "session"}

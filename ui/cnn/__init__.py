"""The CNN lab's sections (one module per tab) and figures."""

"""The common-problems lab: class imbalance and overfitting (seeds 002 and 003)."""

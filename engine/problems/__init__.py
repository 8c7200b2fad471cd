"""The common-problems lab (seed 003, "Problemas comunes"; seed 002, parada anticipada): class
imbalance and its remedies, overfitting and its remedies, all on the shared MLP engine."""

"""The lectures' workshops (seeds 001 and 002): a house price with one neuron, Ridge, Lasso and
ElasticNet regression, and logistic regression on credit default.

    data.py        the workshops' data sets, generated with a seeded generator
    linear.py      least squares, standardization and the penalized cost J(θ) of linear regression
    paths.py       coordinate descent, coefficient paths over λ and cross-validation
    descent.py     live gradient descent (NumPy and torch), with a proximal step for L1
    logit.py       the logistic maximum-likelihood fit: standard errors, z, p-values, ROC
"""

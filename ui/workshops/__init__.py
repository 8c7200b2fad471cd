"""The Workshops lab (pages/7_Workshops.py): house price, Ridge/Lasso/ElasticNet, credit default."""

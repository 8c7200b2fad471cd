"""The softmax lab (pages/3_Softmax.py): its sections, live-training helpers and charts."""

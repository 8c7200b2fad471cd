"""The GAN lab's Streamlit and Plotly code (pages/6_GAN.py)."""

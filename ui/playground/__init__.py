"""The Playground (home page): configuration, run state, frames and the live view."""

"""Evaluation against public benchmarks: one module per benchmark, each `evaluate(...) -> dict`."""

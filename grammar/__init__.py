"""The qiyue rule language grammar, shipped as package data (``engine.grammar``)."""

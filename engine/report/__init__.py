"""Evaluation → report → renderers: ``build`` (the report of the interface spec, row by row),
``explain`` (each step in Chinese or English words), ``html`` (the timeline page).
"""

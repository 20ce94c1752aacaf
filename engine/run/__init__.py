"""Evaluation: checked model → compiled rules → the replay of a contract's facts.

``compiler`` (expressions and patterns into closures, compiled once), ``plans`` (a checked rule file
compiled into plans once: ``Prepared``), ``evaluator`` (the replay: the agenda of deadlines and deemed
events, duties, remedies, terminations, findings), ``state`` (what it keeps: ``Instance`` with its
lifecycle ``Status``, ``Remedy``, ``Finding``), ``steps`` (an
explanation as data: a code and its arguments), ``session`` (a replay that goes on as facts come:
``qiyue watch``).
"""

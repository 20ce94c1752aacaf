"""The rule language: rule text → parse tree → typed model → checked model.

``parser`` (the lark grammar in ``engine/grammar/``, every node with its span), ``model`` (the typed
syntax tree), ``checker`` (names, types, clauses, amounts in capitals: every error of a file in one run),
``amounts`` and ``numbers`` (money and numbers as written in Chinese contracts).
"""

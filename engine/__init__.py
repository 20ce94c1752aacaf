"""qiyue (契约): contract-as-code.

Data flows one way: rule text → parse tree (``parser``) → typed model (``model``)
→ checked model (``checker``) → evaluation over facts (``evaluator``) → report.
The package never names a particular contract: contracts live in rule files.
"""

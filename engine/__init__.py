"""qiyue (契约): contract-as-code.

Data flows one way, one subpackage a stage: rule text → parse tree (``lang.parser``) → typed model
(``lang.model``) → checked model (``lang.checker``) → compiled rules (``run.compiler``) → evaluation over
facts (``run.evaluator``; time as the law counts it in ``time``) → report (``report.build``) → renderers
(``report.explain``, ``report.html``, ``cli``).
The package never names a particular contract: contracts live in rule files.
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("qiyue")
except _metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout without installing
    __version__ = "0+unknown"

"""qiyue (契约): contract-as-code.

Data flows one way, one subpackage a stage: rule text → parse tree (``lang.parser``) → typed model
(``lang.model``) → checked model (``lang.checker``) → compiled rules (``run.compiler``) → evaluation over
facts (``run.evaluator``; time as the law counts it in ``time``) → report (``report.build``) → renderers
(``report.explain``, ``report.html``, ``cli``).
The package never names a particular contract: contracts live in rule files.
"""

import os as _os

from . import bytecode as _bytecode
from . import native as _native

_bytecode.install(_os.path.dirname(__file__))  # (where Python writes no bytecode: the engine's, kept once)
_native.install()  # (the hot modules compiled by the install, where it could: engine/native.py)


def __getattr__(name: str):
    if name == "__version__":  # (importlib.metadata is slow to import: only when asked)
        from importlib import metadata

        try:
            return metadata.version("qiyue")
        except metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout without installing
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

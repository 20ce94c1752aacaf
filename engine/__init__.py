"""qiyue (契约): contract-as-code.

Data flows one way: rule text → parse tree (``parser``) → typed model (``model``)
→ checked model (``checker``) → evaluation over facts (``evaluator``) → report.
The package never names a particular contract: contracts live in rule files.
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("qiyue")
except _metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout without installing
    __version__ = "0+unknown"

"""Only what pyproject.toml cannot say: the engine's hot modules compiled with Cython at install.

``pip install -e .`` (and a wheel build) runs ``engine/native.py``'s ``build``: the modules of its
``MODULES`` list, unchanged Python, compiled into ``engine/_native/`` under the hash of their source (see
that module). Cython itself is a build requirement (pyproject.toml: pip fetches it for the build). Optional:
where the C compiler is missing or fails, the install goes on and the engine runs as Python; pip shows why
only with ``-v`` — ``python -m engine.build_native --status`` says which modules load compiled, and
``python -m engine.build_native`` builds them, saying why not.
"""
import importlib.util
import os
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))


def _native():
    spec = importlib.util.spec_from_file_location("_qiyue_native", os.path.join(ROOT, "engine", "native.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class build_native(build_ext):
    """Compiles engine/native.py's modules instead of the placeholder extension below."""

    def run(self):
        editable = getattr(self, "editable_mode", False) or self.inplace
        package_dir = os.path.join(ROOT, "engine") if editable else os.path.join(self.build_lib, "engine")
        native = _native()
        if not native.enabled():
            print("qiyue: QIYUE_NATIVE=off: the engine's modules are not compiled", file=sys.stderr)
            return
        try:
            made = native.build(package_dir)
            print(f"qiyue: compiled {len(made)} module(s) into {package_dir}/_native", file=sys.stderr)
        except Exception as e:  # noqa: BLE001 - optional: the engine runs as Python
            first = str(e).splitlines()[0][:200] if str(e) else ""
            print(f"qiyue: the engine's modules were not compiled ({type(e).__name__}: {first}); "
                  "it runs as Python", file=sys.stderr)

    def get_outputs(self):
        return []

    def get_output_mapping(self):
        return {}


setup(
    # a placeholder: it makes setuptools run build_ext (and mark the wheel as platform-specific)
    ext_modules=[Extension("engine._native_placeholder", sources=["engine/native.py"], optional=True)],
    cmdclass={"build_ext": build_native},
)

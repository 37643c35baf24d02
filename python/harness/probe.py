"""Answers "what interpreter are you?" as one JSON line. Runs on any Python 3 (the lab refuses < 3.9).

Started with -I, so nothing from the user's environment or site-packages is imported first; the GIL
state is read last, after every import, because an extension can switch the GIL back on at import.
"""
import json
import os
import platform
import sys
import sysconfig

gil_disabled = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
print(json.dumps({
    "implementation": platform.python_implementation(),
    "version": ".".join(str(part) for part in sys.version_info[:3]),
    "freeThreaded": gil_disabled,
    "gilEnabled": bool(is_gil_enabled()) if is_gil_enabled else True,
    "executable": os.path.realpath(sys.executable),
}))

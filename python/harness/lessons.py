"""Loads a lesson program from python/lessons by its id. Only files that ship with the lab run:
the id must be one of the file names there, and nothing else (no path, no code) is accepted."""
import importlib.util
import os
import re

LESSONS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lessons")
_cache = {}


def known():
    return sorted(name[:-3] for name in os.listdir(LESSONS_DIR) if name.endswith(".py"))


def load(lesson_id):
    if lesson_id in _cache:  # loaded once, checked then; a pool's tiny tasks call this thousands of times
        return _cache[lesson_id]
    if not re.fullmatch(r"[a-z][a-z-]{0,40}", lesson_id) or lesson_id not in known():
        raise ValueError(f"no lesson program named {lesson_id!r}")
    if lesson_id not in _cache:
        # A private module name, so a lesson called asyncio.py never shadows the standard library.
        name = "gil_lab_lesson_" + lesson_id.replace("-", "_")
        spec = importlib.util.spec_from_file_location(name, os.path.join(LESSONS_DIR, lesson_id + ".py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _cache[lesson_id] = module
    return _cache[lesson_id]

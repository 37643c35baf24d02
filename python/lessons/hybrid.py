"""Hybrid pipeline: fetch (I/O), process (CPU), store (I/O)."""
import time


def fetch(seconds):
    time.sleep(seconds)  # a download: the GIL is released while waiting
    return seconds


def process(n):
    total = 0
    for i in range(n):
        total += i * i  # pure Python: holds the GIL
    return total


def store(seconds):
    time.sleep(seconds)  # a write: the GIL is released while waiting

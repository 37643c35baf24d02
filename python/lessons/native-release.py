"""C code that releases the GIL: hashlib hashes large buffers with the GIL released."""
import hashlib


def digest(rounds, tick):
    """sha256 over 1 MiB at a time: hashlib drops the GIL for inputs of 2048 bytes or more."""
    data = b"x" * (1 << 20)
    for _ in range(rounds):
        hashlib.sha256(data).digest()
        tick()


def crunch(n, tick):
    """The pure-Python loop for comparison: it holds the GIL, so threads take turns."""
    total = 0
    chunk = 4096
    for start in range(0, n, chunk):
        for i in range(start, min(start + chunk, n)):
            total += i * i
        tick()
    return total

"""The price of processes: starting one, and sending it data (pickled) and back."""


def echo(payload):
    """Runs in the child: receives the pickled list and sends it back."""
    return payload


def nothing():
    """What a started thread or process does: nothing, to time the start alone."""
    return None


def tiny(n):
    """A tiny task: a few microseconds of the sum loop, less than the message that carries it costs."""
    total = 0
    for i in range(n):
        total += i * i
    return total

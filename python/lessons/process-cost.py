"""The price of processes: starting one, and sending it data (pickled) and back."""


def echo(payload):
    """Runs in the child: receives the pickled list and sends it back."""
    return payload


def nothing():
    """What a started thread or process does: nothing, to time the start alone."""
    return None

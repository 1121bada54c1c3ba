"""A login throttle for tests (services.logins.Throttle's clock and sleep): the clock moves
only when told or when "slept", and every wait is recorded instead of taken."""

import datetime

# tomorrow 09:00: a lock set on this clock is still in force by the real one, which the
# users list reads
START = datetime.datetime.combine(
    datetime.date.today() + datetime.timedelta(days=1), datetime.time(9, 0)
)


class FakeThrottle:
    def __init__(self, at=START):
        self.at = at
        self.waits = []

    def clock(self):
        return self.at

    def sleep(self, seconds):
        self.waits.append(seconds)
        self.at += datetime.timedelta(seconds=seconds)

    def advance(self, **delta):
        self.at += datetime.timedelta(**delta)

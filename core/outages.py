"""Outages of the services the portal can work without (the Redis cache, Elasticsearch): noticed per process.

After a failure the service is left alone for a few seconds, so a request does not wait for a timeout on every
call to a server that is down; then it is tried again. An outage is logged when it starts and when it ends, not at
every failed call.
"""

import logging
import time

logger = logging.getLogger(__name__)


class Outage:
    """Whether a service failed in the last `seconds` (in this process), and how often it was worked around."""

    def __init__(self, name, seconds):
        self.name = name
        self.seconds = seconds
        self.until = 0.0
        self.down = False
        self.workarounds = 0  # calls answered without the service, since the process started

    @property
    def active(self):
        """True while the service is being left alone after a failure."""
        return self.down and time.monotonic() < self.until

    def failed(self, error):
        """The service failed: leave it alone for a while. The first failure of an outage is logged."""
        if not self.down:
            logger.warning("%s is unavailable (%s); working without it", self.name, type(error).__name__)
        self.down = True
        self.until = time.monotonic() + self.seconds

    def answered(self):
        """The service answered: an outage, if there was one, is over. True if one just ended."""
        if self.down:
            self.down = False
            logger.warning("%s answers again", self.name)
            return True
        return False

    def worked_around(self):
        self.workarounds += 1

    def reset(self):
        """Forget any outage (for tests)."""
        self.until, self.down, self.workarounds = 0.0, False, 0

"""The members tests use the same people and organisations as the group's (tests/group/conftest.py)."""

from tests.group.conftest import *  # noqa: F403

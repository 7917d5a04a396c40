"""The code an authenticator app shows (RFC 6238 TOTP: SHA-1, 30-second steps, 6 digits), for a hex secret."""

import hashlib
import hmac
import struct
import time


def totp(hex_key, at=None, step=30, digits=6):
    """The code for the secret `hex_key` (as django_otp's TOTPDevice keeps it) at time `at` (now)."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"

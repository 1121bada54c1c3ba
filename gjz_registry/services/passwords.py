"""Password hashing: salted scrypt with its parameters stored beside the hash.

Format: ``scrypt$n$r$p$salt_hex$hash_hex``.  Verification recomputes with the stored
parameters and compares in constant time (hmac.compare_digest).
"""

import hashlib
import hmac
import os

N, R, P = 2**14, 8, 1
MIN_LENGTH = 6


def hash_password(password, n=N, r=R, p=P):
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def verify_password(password, stored):
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        actual = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(digest) // 2,
        )
    except (ValueError, AttributeError):
        return False
    return hmac.compare_digest(actual.hex(), digest)

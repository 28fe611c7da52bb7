"""The test's own TOTP (RFC 6238, SHA-1, 6 digits, 30-second steps), written from the RFC
rather than borrowed from django-otp, so the journey checks the app against the standard
an authenticator app follows."""

import base64
import hashlib
import hmac
import struct
import time

from playwright.sync_api import Page


def totp(key_text: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for the key on the set-up page. A step ahead
    gives a fresh code at once: the app refuses a code used before."""
    key = base64.b32decode("".join(key_text.split()) + "=" * (-len(key_text.replace(" ", "")) % 8))
    counter = int(time.time() // 30) + steps_ahead
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def enrol(page: Page, submit_label: str) -> tuple[str, list[str]]:
    """On the set-up page: read the key, give the first code, keep the recovery codes."""
    key = page.locator("#manual-key").inner_text()
    page.locator("#id_code").fill(totp(key))
    page.get_by_role("button", name=submit_label).click()
    codes = page.locator("#recovery-codes li").all_inner_texts()
    return key, codes

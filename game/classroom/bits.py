"""Short codes a person can type: Crockford base-32 characters, bits and a check character.

A code carries bits in characters of Crockford's base 32 (no I, L, O or U; I and L read as 1,
O as 0); its last character is a Damm check over GF(32), which catches every single wrong
character and every swap of two neighbours. Workshop codes and result codes both use it.
"""

from __future__ import annotations

import hashlib
import math
import struct
from decimal import Decimal

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: no I, L, O or U; I and L are read as 1, O as 0 when decoding."""
READ_AS = {**{c: i for i, c in enumerate(ALPHABET)}, "I": 1, "L": 1, "O": 0}


# --- the check character: Damm's algorithm over GF(32) ------------------------------------


def times_x(value: int) -> int:
    """Multiply by x in GF(32) = GF(2)[x] / (x^5 + x^2 + 1)."""
    value <<= 1
    return value ^ 0b100101 if value & 0b100000 else value


def check_value(digits: list[int]) -> int:
    """The Damm interim after `digits`, with the quasigroup a*b = x*a + b (totally antisymmetric).

    Appending `times_x(check_value(d))` brings the interim of the whole code to zero; any one
    changed digit, or two unequal neighbours swapped, leaves it non-zero.
    """
    interim = 0
    for digit in digits:
        interim = times_x(interim) ^ digit
    return interim


# --- bits ------------------------------------------------------------------------------------


def width(count: int) -> int:
    """Bits needed to tell `count` things apart (0 for one thing)."""
    return max(0, (count - 1).bit_length())


class Bits:
    """A growing bit string, written and read most significant bit first."""

    def __init__(self, bits: list[int] | None = None) -> None:
        self.bits: list[int] = bits or []
        self.pos = 0

    def put(self, value: int, width: int) -> None:
        """Append `value` in `width` bits."""
        if value < 0 or value >> width:
            raise ValueError(f"{value} does not fit in {width} bits")
        self.bits.extend((value >> (width - 1 - k)) & 1 for k in range(width))

    def put_varint(self, value: int) -> None:
        """Append a non-negative integer in groups of four bits, each after a 'more' bit."""
        groups = []
        while True:
            groups.append(value & 0xF)
            value >>= 4
            if not value:
                break
        for n, group in enumerate(reversed(groups)):
            self.put(1 if n < len(groups) - 1 else 0, 1)
            self.put(group, 4)

    def take(self, width: int) -> int:
        """Read `width` bits."""
        if self.pos + width > len(self.bits):
            raise ValueError("the code is too short")
        value = 0
        for bit in self.bits[self.pos:self.pos + width]:
            value = value << 1 | bit
        self.pos += width
        return value

    def take_varint(self) -> int:
        """Read an integer written by `put_varint`."""
        value = 0
        for _ in range(16):
            more = self.take(1)
            value = value << 4 | self.take(4)
            if not more:
                return value
        raise ValueError("a number in the code is too long")


def _decimal_parts(value: float) -> tuple[int, int, int]:
    """(sign, mantissa, decimals) with value == sign * mantissa / 10**decimals exactly."""
    exact = Decimal(repr(float(value)))
    if not exact.is_finite():
        raise ValueError("not a finite number")
    sign, digits, exponent = exact.normalize().as_tuple()
    assert isinstance(exponent, int)
    mantissa = int("".join(map(str, digits)) or "0")
    if exponent > 0:
        mantissa *= 10**exponent
        exponent = 0
    if mantissa == 0:
        sign = 0
    return sign, mantissa, -exponent


def put_number(bits: Bits, value: float) -> None:
    """A float, exactly: as sign, decimals and a mantissa when short, else its 64 IEEE bits."""
    sign, mantissa, decimals = _decimal_parts(value)
    if decimals < 32 and mantissa < 1 << 60:
        bits.put(0, 1)
        bits.put(sign, 1)
        bits.put(decimals, 5)
        bits.put_varint(mantissa)
    else:
        bits.put(1, 1)
        bits.put(int.from_bytes(struct.pack(">d", float(value)), "big"), 64)


def take_number(bits: Bits) -> float:
    """A float written by `put_number`."""
    if bits.take(1):
        value = float(struct.unpack(">d", bits.take(64).to_bytes(8, "big"))[0])
        if not math.isfinite(value):
            raise ValueError("a number in the code is not finite")
        return value
    sign, decimals = bits.take(1), bits.take(5)
    value = bits.take_varint() / 10**decimals
    return -value if sign else value


def body_hash(digits: list[int]) -> int:
    """A base-32 digit hashed from a code's body digits (and their count).

    Damm's check catches every single wrong character but lets one in 32 insertions or
    deletions through; this digit lets through about one in 32 of those again.
    """
    digest = hashlib.sha256(bytes([len(digits) & 0xFF, *digits])).digest()
    return digest[0] & 0x1F


def digits_of(bits: Bits, hashed: bool = False) -> list[int]:
    """The bits as base-32 digits (zero bits pad to a whole character) plus the check digit.

    With `hashed`, a `body_hash` digit goes before the check digit (which covers it too).
    """
    padded = list(bits.bits) + [0] * (-len(bits.bits) % 5)
    digits = [int("".join(map(str, padded[k:k + 5])), 2) for k in range(0, len(padded), 5)]
    if hashed:
        digits.append(body_hash(digits))
    digits.append(times_x(check_value(digits)))
    return digits


def bits_of(digits: list[int]) -> Bits:
    """The bits that base-32 digits (without their check digit) carry."""
    return Bits([(d >> (4 - k)) & 1 for d in digits for k in range(5)])


def group(prefix: str, digits: list[int]) -> str:
    """`PREFIX-` and the characters of the digits in groups of four."""
    body = "".join(ALPHABET[d] for d in digits)
    return "-".join([prefix, *(body[k:k + 4] for k in range(0, len(body), 4))])


def read_digits(text: str, prefix: str) -> list[int] | str:
    """A typed code's digits with its check digit verified, or why it cannot be read.

    Spaces, dashes and case are ignored. Returns an error key ('prefix', 'short',
    'character:X', 'typo') instead of raising, so each kind of code words its own message.
    """
    compact = "".join(ch for ch in text.upper() if ch not in " -_\t")
    if not compact.startswith(prefix):
        return "prefix"
    compact = compact[len(prefix):]
    if len(compact) < 3:
        return "short"
    digits = []
    for ch in compact:
        if ch not in READ_AS:
            return f"character:{ch}"
        digits.append(READ_AS[ch])
    if check_value(digits) != 0:
        return "typo"
    return digits[:-1]

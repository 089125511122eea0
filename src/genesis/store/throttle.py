"""Login and sign-up throttling, in Redis or in process.

The rules (:class:`LoginThrottle`) are the same on both stores:

- Failures are counted per email *and* client address. After
  ``free_failures`` of them, each new attempt from that address for that email
  must wait 1 s, then 2, 4 ... up to ``max_backoff`` seconds. A successful login
  clears the pair. An attacker elsewhere slows only themselves: the real person,
  at another address, is never locked out.
- An address has a wider budget of failures over all emails (a cybercafé or a
  mobile carrier's NAT holds many honest people); past it, logins from that
  address wait until the window ends.
- Sign-ups are counted per address over an hour.

Emails are never stored: keys hold a hash of (address, email). IPv6 addresses
count by /64, the block one subscriber usually gets.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol

from genesis.core.errors import TooManyAttemptsError
from genesis.store.redis_guard import RedisGuard

REGISTRATION_WINDOW_SECONDS = 3600


class ThrottleStore(Protocol):
    async def add(self, key: str, ttl_seconds: int, *, sliding: bool) -> tuple[int, int]:
        """Count one more; (count, seconds until it is forgotten). ``sliding``
        restarts the countdown on each call, otherwise it runs from the first."""
        ...

    async def block(self, key: str, seconds: float) -> None: ...

    async def blocked_for(self, key: str) -> int:
        """Whole seconds left of a block (0: not blocked)."""
        ...

    async def clear(self, *keys: str) -> None: ...


class MemoryThrottleStore:
    """One process's memory; bounded so a flood of keys cannot grow it forever."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self._max_keys = max_keys
        self._entries: OrderedDict[str, tuple[int, float]] = OrderedDict()  # (value, expires)

    def _get(self, key: str) -> tuple[int, float] | None:
        entry = self._entries.get(key)
        if entry is not None and entry[1] <= time.monotonic():
            del self._entries[key]
            return None
        return entry

    def _put(self, key: str, value: int, expires: float) -> None:
        self._entries[key] = (value, expires)
        self._entries.move_to_end(key)
        while len(self._entries) > self._max_keys:
            self._entries.popitem(last=False)

    async def add(self, key: str, ttl_seconds: int, *, sliding: bool) -> tuple[int, int]:
        now = time.monotonic()
        count, expires = self._get(key) or (0, now + ttl_seconds)
        if sliding:
            expires = now + ttl_seconds
        self._put(key, count + 1, expires)
        return count + 1, math.ceil(expires - now)

    async def block(self, key: str, seconds: float) -> None:
        self._put(key, 1, time.monotonic() + seconds)

    async def blocked_for(self, key: str) -> int:
        entry = self._get(key)
        return 0 if entry is None else math.ceil(entry[1] - time.monotonic())

    async def clear(self, *keys: str) -> None:
        for key in keys:
            self._entries.pop(key, None)


class RedisThrottleStore:
    """Shared by every API process. With Redis down nobody is throttled: a failed
    Redis must not lock people out of their accounts."""

    def __init__(self, guard: RedisGuard, prefix: str = "genesis:throttle:") -> None:
        self._guard = guard
        self._prefix = prefix

    async def add(self, key: str, ttl_seconds: int, *, sliding: bool) -> tuple[int, int]:
        async def write() -> tuple[int, int]:
            async with self._guard.redis.pipeline(transaction=True) as pipe:
                pipe.incr(self._prefix + key)
                pipe.expire(self._prefix + key, ttl_seconds, nx=not sliding)
                pipe.ttl(self._prefix + key)
                count, _, ttl = await pipe.execute()
            return int(count), max(int(ttl), 0)

        return await self._guard.call(write(), (0, 0), "throttle write")

    async def block(self, key: str, seconds: float) -> None:
        milliseconds = max(1, int(seconds * 1000))
        await self._guard.call(
            self._guard.redis.set(self._prefix + key, 1, px=milliseconds), None, "throttle block"
        )

    async def blocked_for(self, key: str) -> int:
        left = await self._guard.call(self._guard.redis.pttl(self._prefix + key), -2, "throttle")
        return math.ceil(int(left) / 1000) if int(left) > 0 else 0

    async def clear(self, *keys: str) -> None:
        names = [self._prefix + key for key in keys]
        await self._guard.call(self._guard.redis.delete(*names), 0, "throttle clear")


@dataclass(frozen=True, slots=True)
class ThrottleRules:
    free_failures: int = 5
    max_backoff_seconds: int = 900
    # A pair's failures are forgotten this long after its last one; an
    # address's budget runs over a window of this length.
    window_seconds: int = 3600
    failures_per_address: int = 100
    registrations_per_hour: int = 20


def address_bucket(address: str) -> str:
    """What one client is, for counting: its IPv4 address, or its IPv6 /64."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def _pair(email: str, address: str) -> str:
    digest = hashlib.sha256(f"{address_bucket(address)}\n{email}".encode()).hexdigest()[:32]
    return "pair:" + digest


class LoginThrottle:
    def __init__(self, store: ThrottleStore, rules: ThrottleRules) -> None:
        self.store = store
        self.rules = rules

    async def check_login(self, email: str, address: str) -> None:
        """TooManyAttemptsError while this email, or this address, must wait."""
        pair = _pair(email, address)
        wait = await self.store.blocked_for(pair + ":wait")
        if wait:
            raise TooManyAttemptsError(
                f"Too many failed logins for this email from here. Try again in {wait} seconds.",
                wait,
            )
        wait = await self.store.blocked_for("addr-wait:" + address_bucket(address))
        if wait:
            raise TooManyAttemptsError(
                f"Too many failed logins from this network. Try again in {wait} seconds.", wait
            )

    async def failed_login(self, email: str, address: str) -> None:
        rules = self.rules
        pair = _pair(email, address)
        failures, _ = await self.store.add(pair, rules.window_seconds, sliding=True)
        if failures >= rules.free_failures:
            # 1 s after the last free failure, then doubling (the exponent is
            # capped first: a huge count must not build a huge number).
            doublings = min(failures - rules.free_failures, 30)
            await self.store.block(pair + ":wait", min(2**doublings, rules.max_backoff_seconds))
        bucket = address_bucket(address)
        count, left = await self.store.add("addr:" + bucket, rules.window_seconds, sliding=False)
        if count >= rules.failures_per_address and left > 0:
            await self.store.block("addr-wait:" + bucket, left)

    async def succeeded_login(self, email: str, address: str) -> None:
        pair = _pair(email, address)
        await self.store.clear(pair, pair + ":wait")

    async def registration(self, address: str) -> None:
        """Count a sign-up attempt from ``address``; TooManyAttemptsError past the budget."""
        key = "register:" + address_bucket(address)
        count, left = await self.store.add(key, REGISTRATION_WINDOW_SECONDS, sliding=False)
        if count > self.rules.registrations_per_hour:
            raise TooManyAttemptsError(
                f"Too many sign-ups from this network. Try again in {max(left, 1)} seconds.",
                max(left, 1),
            )

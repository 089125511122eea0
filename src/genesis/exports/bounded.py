"""Renders with a time limit: a render runs in a child process, killed when it
runs over, so a costly brief fails cleanly instead of burning a core (a thread
cannot be stopped). Children are forked from multiprocessing's fork server,
which has the main module and the renderer imported already: a child starts in
about 15 ms (the first render also starts the fork server, about half a second).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Final

from genesis.core.errors import RenderTimeoutError

_CONTEXT: Final = multiprocessing.get_context("forkserver")
# The fork server imports these once; each render's child starts with them loaded
# ("__main__" too, or every child would import the main module again).
_CONTEXT.set_forkserver_preload(["__main__", "genesis.exports.pdf"])


def _child(render: Callable[[Any], bytes], argument: Any, out: Connection) -> None:
    try:
        out.send((True, render(argument)))
    except Exception as exc:  # reported to the parent, which raises it
        out.send((False, f"{type(exc).__name__}: {exc}"))
    finally:
        out.close()


def render_bounded(
    render: Callable[[Any], bytes], argument: Any, *, seconds: float, what: str
) -> bytes:
    """``render(argument)`` in a child process; RenderTimeoutError past ``seconds``.
    Blocking (it waits for the child): call it from a thread."""
    receive, send = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_child, args=(render, argument, send), daemon=True)
    child.start()
    send.close()  # the child holds its end: EOF once it is gone
    try:
        if not receive.poll(seconds):
            raise RenderTimeoutError(
                f"The {what} took longer than {seconds:g} seconds to make and was stopped. "
                "Download the Markdown or the website instead, or try again later.",
                what,
            )
        try:
            ok, payload = receive.recv()
        except EOFError:
            raise RuntimeError(f"the {what} renderer stopped without an answer") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if not ok:
        raise RuntimeError(f"the {what} could not be made: {payload}")
    result: bytes = payload
    return result

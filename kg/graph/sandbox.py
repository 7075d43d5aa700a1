"""Cut the process that runs people's queries off the network, by construction.

The query check (`kg.graph.guard`) refuses SERVICE and every other way out; this is the second
layer, for the day a parser differs from Oxigraph's: the worker processes that run queries
(the endpoint's pool, the app's query child, `kg sparql`'s child) call `isolate_network()`
before they open the graph, and from then on cannot open a connection.

On Linux two mechanisms are used, each where the kernel allows it:

- a new network namespace (`unshare(CLONE_NEWNET)`, inside a new user namespace when not
  root): the process sees only a loopback interface of its own, which is down, so no address
  — not even 127.0.0.1 of the host — can be reached;
- a seccomp filter: creating any socket other than a Unix one fails with `EACCES`. It needs
  no privilege and works where namespaces are disabled (many containers, hardened desktops).

Other platforms (macOS, Windows) have neither; there the query check alone protects, and
`isolate_network()` says so by returning no protection.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import platform
import socket
import struct
import sys

__all__ = ["isolate_network"]

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2

# (audit architecture, number of the socket syscall) by machine
_ARCHES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}
_X32_BIT = 0x40000000  # x86-64 syscalls of the x32 ABI carry this bit


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def _unshare(flags: int) -> bool:
    if hasattr(os, "unshare"):  # Python 3.12+
        try:
            os.unshare(flags)
        except OSError:
            return False
        return True
    return bool(_libc().unshare(flags) == 0)


def _new_network_namespace() -> bool:
    """Move this process into a network namespace of its own (one thread only: the kernel
    refuses a user namespace to a threaded process)."""
    if os.geteuid() == 0 and _unshare(_CLONE_NEWNET):
        return True  # root keeps its file access: no user namespace needed
    return _unshare(_CLONE_NEWUSER | _CLONE_NEWNET)


def _bpf(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def _socket_filter(arch: int, socket_nr: int) -> bytes:
    """A classic BPF program for seccomp: `socket(domain, ...)` with any domain but AF_UNIX
    fails with EACCES; a call from another ABI (32-bit, x32) fails with EPERM; all else runs."""
    ld_abs, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, JMP|JEQ|K, JMP|JGE|K, RET|K
    allow, deny_abi = 0x7FFF0000, 0x00050000 | errno.EPERM
    deny_socket = 0x00050000 | errno.EACCES  # SECCOMP_RET_ERRNO | errno
    # struct seccomp_data: nr at 0, arch at 4, args[0] (low half, little-endian) at 16
    program = [
        _bpf(ld_abs, 0, 0, 4),
        _bpf(jeq, 1, 0, arch),  # our ABI: go on
        _bpf(ret, 0, 0, deny_abi),
        _bpf(ld_abs, 0, 0, 0),
        _bpf(jge, 5, 0, _X32_BIT),  # x32: deny
        _bpf(jeq, 0, 3, socket_nr),  # not socket(): allow
        _bpf(ld_abs, 0, 0, 16),
        _bpf(jeq, 1, 0, socket.AF_UNIX),  # a Unix socket: allow
        _bpf(ret, 0, 0, deny_socket),
        _bpf(ret, 0, 0, allow),
        _bpf(ret, 0, 0, deny_abi),
    ]
    return b"".join(program)


class _Prog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _seccomp_no_sockets() -> bool:
    """Install the socket filter on this process (inherited by the threads it starts)."""
    found = _ARCHES.get(platform.machine())
    if found is None or sys.byteorder != "little":
        return False
    code = _socket_filter(*found)
    buffer = ctypes.create_string_buffer(code, len(code))
    prog = _Prog(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    libc = _libc()
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return bool(libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0)


def isolate_network() -> tuple[str, ...]:
    """Make this process unable to open a network connection; call it before any thread
    starts. Returns the protections now in force: "network namespace", "seccomp", both,
    or none (not Linux, or the kernel refused both)."""
    if not sys.platform.startswith("linux"):
        return ()
    held = []
    if _new_network_namespace():
        held.append("network namespace")
    if _seccomp_no_sockets():
        held.append("seccomp")
    return tuple(held)

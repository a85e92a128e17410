#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Regenerates the NET0 register fuzzer's seeds (tests/fuzz/corpus/net_device_registers/): short
programs in the fuzzer's input language (tests/fuzz/net_device_registers.cpp) that reach the device's
deep states -- a served connection, a connect out, flow control, resets -- for mutations to start from."""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "net_device_registers")
CONNECT, LISTEN, ACCEPT, SEND, RECV, SHUTDOWN, CLOSE, PEER = 1, 3, 4, 5, 6, 7, 8, 9


def command(code, handle=0, ram=0, length8=0, backlog=None):
    """Step 2: HANDLE, ADDR (RAM + ram), LENGTH (length8 * 8, or backlog << 16 | port 80), CMD."""
    b = bytes([2, handle, 0]) + struct.pack("<H", ram)
    b += bytes([200, backlog, 0]) if backlog is not None else bytes([length8])
    b += bytes([code])
    if code == CONNECT and backlog is None:
        b += bytes([0, 0])  # to the peer's address, port 80
    return b


def advance(us):
    return bytes([3, us])


def peer_connect():
    return bytes([4, 0, 0])  # to the board, port 80


def peer_send(n4, index=0):
    return bytes([5, index, n4])


def peer_recv(index=0):
    return bytes([6, index]) + struct.pack("<H", 2047)


def peer_end(how, index=0):  # 0 shutdown, 1 close, 2 reset
    return bytes([7, index, how])


def wait(handle, writable):
    return bytes([11, handle, 1 if writable else 0])


SEEDS = {
    "served-connection": command(LISTEN, backlog=2) + wait(0, False) + peer_connect() + advance(30)
    + command(ACCEPT) + wait(1, False) + peer_send(10) + advance(20) + command(RECV, 1, 0, 64)
    + command(SEND, 1, 0, 8) + advance(20) + peer_recv() + peer_end(0) + advance(20)
    + command(RECV, 1, 0, 64) + command(CLOSE, 1) + advance(50),
    "connect-out": bytes([8, 0, 1]) + command(CONNECT) + wait(1, True) + advance(30) + bytes([9, 0])
    + command(SEND, 0, 16, 100) + advance(50) + command(PEER, 0) + peer_end(2, 1) + advance(30)
    + command(SEND, 0, 16, 8),
    "flow-control": command(LISTEN, backlog=1) + peer_connect() + advance(30) + command(ACCEPT)
    + wait(1, False) + wait(1, True) + peer_send(255) + peer_send(255) + advance(100)
    + command(SEND, 1, 0, 200) + command(SEND, 1, 0, 200) + advance(100) + peer_recv() + advance(100)
    + bytes([10, 0, 0, 50]) + advance(200) + bytes([10, 2, 0]) + advance(50),
    "refused-and-reset": bytes([10, 1, 0, 2]) + command(LISTEN, backlog=1) + peer_connect() + peer_connect()
    + advance(40) + command(ACCEPT) + peer_connect() + advance(40) + command(ACCEPT) + command(CLOSE, 0)
    + advance(40),
}

os.makedirs(OUT, exist_ok=True)
for name, program in SEEDS.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(program)
    print(f"{name}: {len(program)} bytes")

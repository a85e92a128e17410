#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# host_bridge.sh ASYNCBOARD TCP_ECHO_ELF DIAL_OUT_ELF: real clients on this machine talk to the
# firmware through `--forward`, and the firmware dials a real server through `--allow-connect`.
#   1. tcp_echo with --forward 0:80: three Python clients at once, each gets its own lines back;
#      then SIGINT ends the run with status 0 and the console shows every client come and go.
#   2. dial-out with --allow-connect 127.0.0.1:47301: a Python server answers the board's line.
#   3. the same image without --allow-connect: refused (the firmware may not dial the host).
set -u
asyncboard=$1; echo_elf=$2; dial_elf=$3
out=$(mktemp); trap 'rm -f "$out"' EXIT
fail() { echo "host_bridge: $*"; cat "$out"; exit 1; }

"$asyncboard" run "$echo_elf" --forward 0:80 > "$out" 2>&1 &
pid=$!
port=""
for _ in $(seq 50); do
  port=$(sed -n 's/.*forwarding 127\.0\.0\.1:\([0-9]*\) -> board port 80.*/\1/p' "$out")
  [ -n "$port" ] && grep -q "listening on port 80" "$out" && break
  sleep 0.1
done
[ -n "$port" ] || fail "no forwarding line"
python3 - "$port" <<'PY' || { kill $pid; fail "the echo clients failed"; }
import socket, sys, threading
port = int(sys.argv[1])
errors = []
def client(n):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        lines = [f"client {n} line {i}\n".encode() for i in range(5)]
        s.sendall(b"".join(lines))
        want = b"".join(b"echo: " + l for l in lines)
        got = b""
        while len(got) < len(want):
            d = s.recv(4096)
            if not d: break
            got += d
        if got != want: errors.append(f"client {n}: {got!r}")
        s.shutdown(socket.SHUT_WR)
        if s.recv(10) != b"": errors.append(f"client {n}: no end of stream")
        s.close()
    except Exception as e:
        errors.append(f"client {n}: {e}")
ts = [threading.Thread(target=client, args=(n,)) for n in range(3)]
for t in ts: t.start()
for t in ts: t.join()
if errors: print("\n".join(errors)); sys.exit(1)
PY
sleep 0.3
kill -INT $pid
wait $pid; status=$?
[ "$status" -eq 0 ] || fail "exit status $status after SIGINT, expected 0"
grep -q "PASS tcp_echo.elf: stopped by a signal" "$out" || fail "no PASS line after SIGINT"
[ "$(grep -c 'closed after 5 lines' "$out")" -eq 3 ] || fail "not every client was served"
[ "$(grep -c 'net   .* -> board:80: closed' "$out")" -eq 3 ] || fail "the bridge did not close every relay"

# 2. Dial out to a real server on 47301.
python3 - <<'PY' &
import socket
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 47301)); srv.listen(1); srv.settimeout(20)
c, _ = srv.accept()
line = b""
while not line.endswith(b"\n"):
    d = c.recv(100)
    if not d: break
    line += d
c.sendall(b"pong to " + line)
c.close()
PY
server=$!
sleep 0.5
"$asyncboard" run "$dial_elf" --allow-connect 127.0.0.1:47301 --time-limit 5s > "$out" 2>&1
status=$?
wait $server
[ "$status" -eq 0 ] || fail "dial-out exit status $status"
grep -q "reply: pong to ping from the board" "$out" || fail "no reply from the host server"

# 3. Not allowed: refused.
"$asyncboard" run "$dial_elf" --time-limit 1s > "$out" 2>&1
[ $? -eq 1 ] || fail "an unallowed dial-out did not fail"
grep -q "dial-out failed: open_connection(127.0.0.1:47301): Connection refused" "$out" || fail "no refusal message"
echo "host_bridge: ok"

// @NAME@'s task code: a connection's lines echoed back. Nothing in it knows the board: main.cpp
// serves it on the board's network (NET0), test_app.cpp on this machine's loopback.
#pragma once
#include "asyncio/asyncio.h"

// One client: each line comes back as "echo: <line>", until the client closes its side.
asyncio::Coro<> echo_lines(asyncio::StreamPtr reader, asyncio::StreamPtr writer);

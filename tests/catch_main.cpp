// SPDX-License-Identifier: GPL-2.0-or-later
// The one Catch2 (v2) main shared by every host test program.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

// SPDX-License-Identifier: GPL-2.0-or-later
// The test firmware images the arm-none-eabi half builds (tests/sim/firmware, scenarios/), by file
// name: firmware("test_exceptions.elf").
#pragma once
#include <string>

#include "elf_image.h"

namespace sim {
inline ElfImage firmware(const char* name) { return ElfImage::load(std::string(ASYNCBOARD_FIRMWARE_DIR) + "/" + name); }
}  // namespace sim

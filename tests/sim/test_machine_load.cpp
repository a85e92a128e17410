// SPDX-License-Identifier: GPL-2.0-or-later
// Machine's checks of an image before reset: every segment inside flash or SRAM, a reset vector
// that is a Thumb address in flash. Images are made here byte by byte (ElfImage::from_bytes), so
// each test shows exactly what is wrong with its image.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "board/memory_map.h"
#include "elf_image.h"
#include "machine.h"

namespace sim {

namespace {

struct Load {
  uint32_t address;
  std::vector<uint8_t> bytes;
  uint32_t mem_size;
};

void put16(std::vector<uint8_t>& out, uint16_t v) { out.insert(out.end(), {uint8_t(v), uint8_t(v >> 8)}); }
void put32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

// A 32-bit little-endian ARM executable with one PT_LOAD per entry and no sections.
std::vector<uint8_t> executable(const std::vector<Load>& loads, uint32_t entry = board::kFlashBase + 9) {
  constexpr uint32_t kEhdr = 52, kPhdr = 32;
  std::vector<uint8_t> out = {0x7F, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  put16(out, 2);   // ET_EXEC
  put16(out, 40);  // EM_ARM
  put32(out, 1);
  put32(out, entry);
  put32(out, kEhdr);  // e_phoff
  put32(out, 0);      // e_shoff: none
  put32(out, 0x0500'0000);
  for (uint16_t v : {uint16_t(kEhdr), uint16_t(kPhdr), uint16_t(loads.size()), uint16_t(40), uint16_t(0), uint16_t(0)})
    put16(out, v);
  uint32_t offset = kEhdr + kPhdr * static_cast<uint32_t>(loads.size());
  for (const Load& l : loads) {
    for (uint32_t v : {1u, offset, l.address, l.address, uint32_t(l.bytes.size()), l.mem_size, 7u, 4u}) put32(out, v);
    offset += static_cast<uint32_t>(l.bytes.size());
  }
  for (const Load& l : loads) out.insert(out.end(), l.bytes.begin(), l.bytes.end());
  return out;
}

// A vector table (SP at the top of SRAM, reset at flash + 9) and `b .` at flash + 8.
Load vector_table() {
  std::vector<uint8_t> bytes;
  put32(bytes, board::kSramBase + board::kSramSize);
  put32(bytes, board::kFlashBase + 9);
  put16(bytes, 0xE7FE);
  return {board::kFlashBase, bytes, static_cast<uint32_t>(bytes.size())};
}

std::string refusal(const std::vector<uint8_t>& bytes) {
  ElfImage image = ElfImage::from_bytes(bytes, "made.elf");
  try {
    Machine m(image);
  } catch (const ElfError& e) {
    return e.what();
  }
  FAIL("the machine accepted the image");
  return {};
}

}  // namespace

TEST_CASE("machine load runs a made image: vector table and a loop in flash", "[machine_load]") {
  ElfImage image = ElfImage::from_bytes(executable({vector_table()}), "made.elf");
  Machine m(image);
  CHECK(m.pc() == board::kFlashBase + 8);
  m.run_until(1000);
  CHECK_FALSE(m.fault());
}

TEST_CASE("machine load refuses a segment outside flash and SRAM", "[machine_load]") {
  CHECK(refusal(executable({vector_table(), {0x3000'0000, {}, 0x100}})) ==
        "made.elf: segment at 0x30000000 (256 bytes) lies outside flash and SRAM");
}

// Found while writing the ELF fuzz target's invariant (tests/fuzz/elf_loader.cpp): a segment that
// ends exactly at the top of the 32-bit address space wrapped its end to 0, which passed the check
// for lying inside flash -- the machine accepted it and its bytes went nowhere.
TEST_CASE("machine load refuses a segment that ends at the top of the address space", "[machine_load][fuzz]") {
  CHECK(refusal(executable({vector_table(), {0xFFFF'FF00, std::vector<uint8_t>(0x100, 0xAA), 0x100}})) ==
        "made.elf: segment at 0xFFFFFF00 (256 bytes) lies outside flash and SRAM");
}

TEST_CASE("machine load refuses a reset vector that is not Thumb code in flash", "[machine_load]") {
  Load table = vector_table();
  table.bytes[4] = 8;  // reset = flash + 8: the Thumb bit clear
  CHECK(refusal(executable({table})).find("the reset vector (0x08000008) is not a Thumb address in flash") !=
        std::string::npos);
}

}  // namespace sim

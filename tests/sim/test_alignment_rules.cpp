// SPDX-License-Identifier: GPL-2.0-or-later
// armv7m::needs_word_alignment(): which Thumb encodings must have word-aligned addresses whatever
// CCR.UNALIGN_TRP says (the rest may be unaligned while the trap is clear).
#include <catch2/catch.hpp>

#include "armv7m.h"

using sim::armv7m::needs_word_alignment;

TEST_CASE("LDM/STM, LDRD/STRD, exclusives and FPU transfers need word alignment, LDR/STR/LDRH need not", "[alignment]") {
  // Always word aligned.
  CHECK(needs_word_alignment(0xC903, 0));       // ldmia r1!, {r0, r1}
  CHECK(needs_word_alignment(0xC003, 0));       // stmia r0!, {r0, r1}
  CHECK(needs_word_alignment(0xE891, 0x0003));  // ldmia.w r1, {r0, r1}
  CHECK(needs_word_alignment(0xE8A1, 0x0003));  // stmia.w r1!, {r0, r1}
  CHECK(needs_word_alignment(0xE911, 0x0003));  // ldmdb r1, {r0, r1}
  CHECK(needs_word_alignment(0xE9D2, 0x0100));  // ldrd r0, r1, [r2]
  CHECK(needs_word_alignment(0xE9C2, 0x0100));  // strd r0, r1, [r2]
  CHECK(needs_word_alignment(0xE8F2, 0x0102));  // ldrd r0, r1, [r2], #8 (post-indexed)
  CHECK(needs_word_alignment(0xE851, 0x0F00));  // ldrex r0, [r1]
  CHECK(needs_word_alignment(0xE841, 0x2000));  // strex r0, r2, [r1]
  CHECK(needs_word_alignment(0xE8D1, 0x0F5F));  // ldrexh r0, [r1]
  CHECK(needs_word_alignment(0xED91, 0x0A00));  // vldr s0, [r1]
  CHECK(needs_word_alignment(0xECA1, 0x0A02));  // vstmia r1!, {s0, s1}
  // May be unaligned (they trap only with UNALIGN_TRP).
  CHECK_FALSE(needs_word_alignment(0x6808, 0));       // ldr r0, [r1]
  CHECK_FALSE(needs_word_alignment(0x8808, 0));       // ldrh r0, [r1]
  CHECK_FALSE(needs_word_alignment(0xF8D1, 0x0000));  // ldr.w r0, [r1]
  CHECK_FALSE(needs_word_alignment(0xF8B1, 0x0000));  // ldrh.w r0, [r1]
  CHECK_FALSE(needs_word_alignment(0xF8C1, 0x0000));  // str.w r0, [r1]
  CHECK_FALSE(needs_word_alignment(0xB403, 0));       // push {r0, r1}: SP is always word aligned
  CHECK_FALSE(needs_word_alignment(0xE8D1, 0xF000));  // tbb [r1, r0]: a byte
  CHECK_FALSE(needs_word_alignment(0xFB90, 0xF0F1));  // sdiv: no memory at all
}

// SPDX-License-Identifier: GPL-2.0-or-later
// armv7m::needs_word_alignment(): which Thumb encodings must have word-aligned addresses whatever
// CCR.UNALIGN_TRP says (the rest may be unaligned while the trap is clear), and alignment_check():
// how the code hook checks one before it runs.
#include <catch2/catch.hpp>

#include "armv7m.h"

using sim::armv7m::alignment_check;
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
  CHECK_FALSE(needs_word_alignment(0xE8D1, 0x0F4F));  // ldrexb r0, [r1]: a byte
  // Coprocessor data processing and core-register moves are no memory access (found when the
  // checks became code hooks: a VMOV immediate was taken for a VLDR).
  CHECK_FALSE(needs_word_alignment(0xEEB2, 0x4A00));  // vmov.f32 s8, #8.0
  CHECK_FALSE(needs_word_alignment(0xEE30, 0x0A01));  // vadd.f32 s0, s0, s2
  CHECK_FALSE(needs_word_alignment(0xEC41, 0x0A10));  // vmov s0, s1, r0, r1
  CHECK_FALSE(needs_word_alignment(0xEE10, 0x0A10));  // vmov r0, s0
}

TEST_CASE("alignment_check names the base register, the bits that must be clear and the offset", "[alignment]") {
  auto c = alignment_check(0xE9D2, 0x0102);  // ldrd r0, r1, [r2, #8]
  REQUIRE(c);
  CHECK(c->rn == 2);
  CHECK(c->mask == 3u);
  CHECK(c->offset == 8);
  c = alignment_check(0xE952, 0x0101);  // ldrd r0, r1, [r2, #-4]
  REQUIRE(c);
  CHECK(c->offset == -4);
  c = alignment_check(0xE8F2, 0x0102);  // ldrd r0, r1, [r2], #8: the access is at r2 itself
  REQUIRE(c);
  CHECK(c->offset == 0);
  c = alignment_check(0xE913, 0x0007);  // ldmdb r3, {r0, r1, r2}: from r3 - 12
  REQUIRE(c);
  CHECK(c->rn == 3);
  CHECK(c->offset == -12);
  c = alignment_check(0xC903, 0);  // ldmia r1!, {r0, r1}
  REQUIRE(c);
  CHECK(c->rn == 1);
  c = alignment_check(0xE8D1, 0x0F5F);  // ldrexh r0, [r1]: halfword aligned
  REQUIRE(c);
  CHECK(c->mask == 1u);
  c = alignment_check(0xE851, 0x0F01);  // ldrex r0, [r1, #4]
  REQUIRE(c);
  CHECK(c->offset == 4);
  c = alignment_check(0xED11, 0x0A01);  // vldr s0, [r1, #-4]
  REQUIRE(c);
  CHECK(c->offset == -4);
  // SP is always word aligned, a literal is aligned by the instruction: nothing to check.
  CHECK_FALSE(alignment_check(0xE9DD, 0x0100));  // ldrd r0, r1, [sp]
  CHECK_FALSE(alignment_check(0xE92D, 0x4010));  // push.w {r4, lr}
  CHECK_FALSE(alignment_check(0xE9DF, 0x0100));  // ldrd r0, r1, [pc]
  CHECK_FALSE(alignment_check(0x6808, 0));       // ldr r0, [r1]
}

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates the ELF loader's seed corpus (tests/fuzz/corpus/elf_loader/): small images that load,
# so mutations start from the loader's deep paths rather than from "not an ELF file".
# The seeds are ELF images kept as .seed files: inputs for the fuzzer, not build outputs.
#   tiny.seed      a vector table, a reset handler that counts and exits, symbols, DWARF lines,
#                 a .data segment loaded from flash, __stack_guard (arm-none-eabi-gcc)
#   minimal.seed   ELF header, one program header, the vector table and `b .`: no sections at all
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)/corpus/elf_loader"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

cat > "$work/tiny.c" <<'EOF'
volatile unsigned counter;
int data_word = 42;
void Reset_Handler(void) {
  for (int i = 0; i < 10; ++i) counter += (unsigned)data_word;
  *(volatile unsigned*)0x4000F000u = 0;  /* SimControl.EXIT */
  for (;;) {}
}
__attribute__((section(".vectors"), used)) const void* vectors[] = {(void*)0x20040000u, (void*)Reset_Handler};
EOF
cat > "$work/tiny.ld" <<'EOF'
MEMORY { FLASH (rx) : ORIGIN = 0x08000000, LENGTH = 1M  RAM (rwx) : ORIGIN = 0x20000000, LENGTH = 256K }
SECTIONS {
  .text : { KEEP(*(.vectors)) *(.text*) *(.rodata*) } > FLASH
  .data : { *(.data*) } > RAM AT > FLASH
  .bss : { *(.bss*) } > RAM
  __stack_guard = 0x2003E000;
}
EOF
# -n and a 16-byte page: no padding to 4 KiB boundaries, so the seed stays about 2 KiB.
arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -O1 -g -nostdlib -T "$work/tiny.ld" -Wl,--entry=Reset_Handler \
  -Wl,-n -Wl,-z,max-page-size=16 "$work/tiny.c" -o "$out/tiny.seed"

python3 - "$out/minimal.seed" <<'EOF'
import struct, sys
code = struct.pack("<II", 0x20040000, 0x08000009) + struct.pack("<H", 0xE7FE)  # SP, reset; b .
ehsize, phsize = 52, 32
ident = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9)  # 32-bit, little-endian, version 1
header = ident + struct.pack("<HHIIIIIHHHHHH", 2, 40, 1, 0x08000009, ehsize, 0, 0x5000000, ehsize, phsize, 1, 40, 0, 0)
phdr = struct.pack("<IIIIIIII", 1, ehsize + phsize, 0x08000000, 0x08000000, len(code), len(code), 5, 4)
open(sys.argv[1], "wb").write(header + phdr + code)
EOF
ls -l "$out"

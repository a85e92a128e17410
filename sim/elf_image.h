// SPDX-License-Identifier: GPL-2.0-or-later
// ElfImage: a firmware image read with elfutils' libelf -- its loadable segments, entry point and
// symbol table (kept for fault reports, the dashboard and the bench). Anything that is not a
// 32-bit little-endian ARM executable is refused with an ElfError naming the file and the reason.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <optional>
#include <string>
#include <vector>

namespace sim {

class ElfError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ElfSegment {
  uint32_t address;             // physical (load) address
  std::vector<uint8_t> bytes;   // file contents; memory beyond them up to mem_size is zero
  uint32_t mem_size;
};

struct SourceLine {
  std::string file;  // as the compiler recorded it (usually absolute)
  int line;
};

struct ElfSymbol {
  std::string name;
  uint32_t address;  // Thumb bit cleared for functions
  uint32_t size;
  bool function;
};

class ElfImage {
 public:
  static ElfImage load(const std::string& path);  // throws ElfError
  // The same from an image already in memory (tools, and the ELF fuzzer); `name` stands for the
  // path in messages. Throws ElfError.
  static ElfImage from_bytes(std::vector<uint8_t> bytes, const std::string& name);

  const std::string& path() const { return path_; }
  uint32_t entry() const { return entry_; }
  const std::vector<ElfSegment>& segments() const { return segments_; }
  const std::vector<ElfSymbol>& symbols() const { return symbols_; }

  // The function or object containing `address`, or nullptr.
  const ElfSymbol* symbol_at(uint32_t address) const;
  const ElfSymbol* find(const std::string& name) const;
  // The source line an instruction address came from (DWARF line table), if the image has one.
  std::optional<SourceLine> source_line(uint32_t address) const;
  // "0x08001234 (name+0x12, main.cpp:42)", or less where symbols or lines are missing.
  std::string describe(uint32_t address) const;

 private:
  std::string path_;
  uint32_t entry_ = 0;
  std::vector<ElfSegment> segments_;
  std::vector<ElfSymbol> symbols_;  // sorted by address
  struct LineRow {
    uint32_t address;
    uint32_t file;  // index into files_
    int line;       // 0: end of a sequence (no line for addresses from here)
  };
  std::vector<LineRow> lines_;  // sorted by address
  std::vector<std::string> files_;
  static ElfImage from_elf(void* elf, const std::string& path);
  void load_lines(void* elf);
};

}  // namespace sim

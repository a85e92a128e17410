// SPDX-License-Identifier: GPL-2.0-or-later
// ElfImage: loading a firmware image (segments, entry, symbols) and refusing anything else by name.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "board/memory_map.h"
#include "elf_image.h"

namespace sim {

namespace {

namespace fs = std::filesystem;

const std::string kBlink = std::string(ASYNCBOARD_FIRMWARE_DIR) + "/blink.elf";

std::vector<char> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A fresh directory under the system's temp directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("asyncboard-elf-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string write(const std::string& name, const std::vector<char>& bytes) const {
    std::string file = (path_ / name).string();
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file;
  }
  std::string write(const std::string& name, const std::string& text) const {
    return write(name, std::vector<char>(text.begin(), text.end()));
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Loads `path` expecting a refusal; returns the message.
std::string refusal(const std::string& path) {
  try {
    ElfImage::load(path);
  } catch (const ElfError& e) {
    return e.what();
  }
  FAIL("ElfImage::load(\"" << path << "\") did not throw ElfError");
  return {};
}

// The first `n` bytes of `bytes`: a truncated copy.
std::vector<char> first_bytes(const std::vector<char>& bytes, size_t n) {
  return std::vector<char>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

uint32_t le32(const std::vector<uint8_t>& b, size_t at) {
  return uint32_t{b[at]} | uint32_t{b[at + 1]} << 8 | uint32_t{b[at + 2]} << 16 | uint32_t{b[at + 3]} << 24;
}

std::string hex8(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", v);
  return buf;
}

}  // namespace

// ---- a real firmware image ----

TEST_CASE("elf image loads blink.elf: Thumb entry in flash", "[elf_image]") {
  ElfImage image = ElfImage::load(kBlink);
  CHECK(image.path() == kBlink);
  CHECK((image.entry() & 1) == 1);  // Thumb
  CHECK(image.entry() >= board::kFlashBase);
  CHECK(image.entry() < board::kFlashBase + board::kFlashSize);
}

TEST_CASE("elf image segments are non-empty and fit in flash or SRAM", "[elf_image]") {
  ElfImage image = ElfImage::load(kBlink);
  REQUIRE_FALSE(image.segments().empty());
  for (const ElfSegment& seg : image.segments()) {
    INFO("segment at " << hex8(seg.address));
    CHECK(seg.mem_size > 0);
    CHECK(seg.bytes.size() <= seg.mem_size);
    bool in_flash = seg.address >= board::kFlashBase &&
                    uint64_t{seg.address} + seg.mem_size <= uint64_t{board::kFlashBase} + board::kFlashSize;
    bool in_sram = seg.address >= board::kSramBase &&
                   uint64_t{seg.address} + seg.mem_size <= uint64_t{board::kSramBase} + board::kSramSize;
    CHECK((in_flash || in_sram));
  }
}

TEST_CASE("elf image vector table at the start of flash points at the entry", "[elf_image]") {
  ElfImage image = ElfImage::load(kBlink);
  const ElfSegment* vectors = nullptr;
  for (const ElfSegment& seg : image.segments())
    if (seg.address == board::kFlashBase) vectors = &seg;
  REQUIRE(vectors != nullptr);
  REQUIRE(vectors->bytes.size() >= 8);
  uint32_t initial_sp = le32(vectors->bytes, 0);
  uint32_t reset = le32(vectors->bytes, 4);
  CHECK(initial_sp > board::kSramBase);
  CHECK(initial_sp <= board::kSramBase + board::kSramSize);
  CHECK(reset == image.entry());
}

TEST_CASE("elf image finds main as a function and locates addresses inside it", "[elf_image]") {
  ElfImage image = ElfImage::load(kBlink);
  const ElfSymbol* main_sym = image.find("main");
  REQUIRE(main_sym != nullptr);
  CHECK(main_sym->name == "main");
  CHECK(main_sym->function);
  CHECK(main_sym->size > 4);
  CHECK((main_sym->address & 1) == 0);  // the Thumb bit is cleared
  CHECK(main_sym->address >= board::kFlashBase);
  CHECK(main_sym->address < board::kFlashBase + board::kFlashSize);

  CHECK(image.symbol_at(main_sym->address) == main_sym);
  CHECK(image.symbol_at(main_sym->address + 2) == main_sym);
  CHECK(image.symbol_at(main_sym->address + main_sym->size - 1) == main_sym);
  CHECK(image.symbol_at(main_sym->address + main_sym->size) != main_sym);
  CHECK(image.find("no_such_symbol_anywhere") == nullptr);
}

TEST_CASE("elf image a symbol does not cover the address just past its end", "[elf_image]") {
  ElfImage image = ElfImage::load(kBlink);
  const auto& syms = image.symbols();
  int checked = 0;
  for (size_t i = 0; i + 1 < syms.size(); ++i) {
    const ElfSymbol& s = syms[i];
    uint32_t end = s.address + s.size;
    if (s.size == 0 || syms[i + 1].address <= end) continue;  // only where a gap follows
    INFO(s.name << " ends at " << hex8(end));
    CHECK(image.symbol_at(end) != &s);
    CHECK(image.symbol_at(end - 1) == &s);
    ++checked;
  }
  CHECK(checked > 0);
}

TEST_CASE("elf image symbols are sorted by address", "[elf_image]") {
  ElfImage image = ElfImage::load(kBlink);
  const auto& syms = image.symbols();
  REQUIRE(syms.size() > 10);
  for (size_t i = 1; i < syms.size(); ++i) REQUIRE(syms[i - 1].address <= syms[i].address);
}

TEST_CASE("elf image the entry point is a function symbol", "[elf_image]") {
  ElfImage image = ElfImage::load(kBlink);
  const ElfSymbol* at_entry = image.symbol_at(image.entry() & ~1u);
  REQUIRE(at_entry != nullptr);
  CHECK(at_entry->function);
  CHECK(at_entry->address == (image.entry() & ~1u));
}

TEST_CASE("elf image describe names the symbol and the offset into it", "[elf_image]") {
  ElfImage image = ElfImage::load(kBlink);
  const ElfSymbol* main_sym = image.find("main");
  REQUIRE(main_sym != nullptr);
  uint32_t inside = main_sym->address + 0x1A;
  REQUIRE(inside < main_sym->address + main_sym->size);
  // The line may come from code inlined into main (another file): any "file.cpp:N" will do.
  CHECK_THAT(image.describe(inside), Catch::Matches(hex8(inside) + R"( \(main\+0x1A, [a-z_]+\.cpp:[0-9]+\))"));
  CHECK_THAT(image.describe(main_sym->address), Catch::StartsWith(hex8(main_sym->address) + " (main, main.cpp:"));
  CHECK_THAT(image.describe(main_sym->address + 4), Catch::Matches(R"(0x[0-9A-F]{8} \(main\+0x4, [a-z_]+\.cpp:[0-9]+\))"));
}

TEST_CASE("elf image maps instruction addresses to source lines from DWARF", "[elf_image]") {
  ElfImage image = ElfImage::load(kBlink);
  const ElfSymbol* main_sym = image.find("main");
  REQUIRE(main_sym != nullptr);
  auto line = image.source_line(main_sym->address);
  REQUIRE(line.has_value());
  CHECK_THAT(line->file, Catch::EndsWith("scenarios/010-blink/main.cpp"));
  // main() is defined in the last third of the file, well past the includes and the coroutines.
  CHECK(line->line > 20);
  CHECK_FALSE(image.source_line(0x10000000).has_value());  // no code there
}

TEST_CASE("elf image describe of an address no symbol covers is the bare address", "[elf_image]") {
  ElfImage image = ElfImage::load(kBlink);
  CHECK(image.symbol_at(0x10000000) == nullptr);
  CHECK(image.describe(0x10000000) == "0x10000000");
  CHECK(image.symbol_at(0xFFFFFFF0) == nullptr);
  CHECK(image.describe(0xFFFFFFF0) == "0xFFFFFFF0");
}

TEST_CASE("elf image C++ names are demangled", "[elf_image]") {
  ElfImage image = ElfImage::load(kBlink);
  const ElfSymbol* blink = nullptr;
  for (const ElfSymbol& s : image.symbols()) {
    CHECK_FALSE(starts_with(s.name, "_Z"));  // nothing left mangled
    if (!blink && starts_with(s.name, "blink(") && s.function) blink = &s;
  }
  REQUIRE(blink != nullptr);
  CHECK_THAT(blink->name, Catch::Contains("machine::Pin"));
  CHECK(image.find(blink->name) == blink);
  CHECK(image.symbol_at(blink->address) != nullptr);
  CHECK_THAT(image.describe(blink->address + 2), Catch::Contains("blink("));
}

// ---- refusals ----

TEST_CASE("elf image refuses a missing file by name", "[elf_image]") {
  TempDir dir;
  std::string path = (dir.path() / "no-such-firmware.elf").string();
  std::string msg = refusal(path);
  CHECK_THAT(msg, Catch::StartsWith(path + ": "));
  CHECK_THAT(msg, Catch::Contains("cannot open"));
}

TEST_CASE("elf image refuses a text file as not an ELF file", "[elf_image]") {
  TempDir dir;
  std::string path = dir.write("notes.txt", "this is not firmware\nat all\n");
  std::string msg = refusal(path);
  CHECK_THAT(msg, Catch::StartsWith(path + ": "));
  CHECK_THAT(msg, Catch::Contains("not an ELF file"));
}

TEST_CASE("elf image refuses an empty file", "[elf_image]") {
  TempDir dir;
  std::string path = dir.write("empty.elf", std::string());
  std::string msg = refusal(path);
  CHECK_THAT(msg, Catch::StartsWith(path + ": "));
  CHECK_THAT(msg, Catch::Contains("not an ELF file"));
}

TEST_CASE("elf image from bytes in memory is the image the file gives", "[elf_image]") {
  std::vector<char> raw = read_bytes(kBlink);
  ElfImage from_file = ElfImage::load(kBlink);
  ElfImage from_memory = ElfImage::from_bytes(std::vector<uint8_t>(raw.begin(), raw.end()), "blink in memory");
  CHECK(from_memory.path() == "blink in memory");
  CHECK(from_memory.entry() == from_file.entry());
  REQUIRE(from_memory.segments().size() == from_file.segments().size());
  for (size_t i = 0; i < from_file.segments().size(); ++i)
    CHECK(from_memory.segments()[i].bytes == from_file.segments()[i].bytes);
  CHECK(from_memory.symbols().size() == from_file.symbols().size());
  CHECK(from_memory.describe(from_file.entry()) == from_file.describe(from_file.entry()));
  CHECK_THROWS_WITH(ElfImage::from_bytes({}, "nothing"), "nothing: not an ELF file");
  CHECK_THROWS_WITH(ElfImage::from_bytes({'E', 'L', 'F'}, "three bytes"), "three bytes: not an ELF file");
}

TEST_CASE("elf image refuses the host's own 64-bit executable", "[elf_image]") {
  std::string msg = refusal("/proc/self/exe");
  CHECK_THAT(msg, Catch::StartsWith("/proc/self/exe: "));
  CHECK_THAT(msg, Catch::Contains("32-bit"));
}

TEST_CASE("elf image refuses truncated copies of blink.elf without crashing", "[elf_image]") {
  std::vector<char> full = read_bytes(kBlink);
  REQUIRE(full.size() > 0x10000);
  TempDir dir;
  ElfImage good = ElfImage::load(kBlink);
  size_t largest = 0;
  for (const ElfSegment& s : good.segments()) largest = std::max(largest, s.bytes.size());
  REQUIRE(largest > 0x1000);

  SECTION("only the first 200 bytes (headers, no segment contents)") {
    std::string path = dir.write("head.elf", first_bytes(full, 200));
    std::string msg = refusal(path);
    CHECK_THAT(msg, Catch::StartsWith(path + ": "));
    CHECK_THAT(msg, Catch::Contains("truncated"));
  }
  SECTION("cut in the middle of the code segment") {
    std::string path = dir.write("cut.elf", first_bytes(full, 0x5000));
    std::string msg = refusal(path);
    CHECK_THAT(msg, Catch::StartsWith(path + ": "));
    CHECK_THAT(msg, Catch::Contains("truncated"));
  }
  SECTION("only the ELF identification bytes") {
    std::string path = dir.write("ident.elf", first_bytes(full, 16));
    std::string msg = refusal(path);
    CHECK_THAT(msg, Catch::StartsWith(path + ": "));
  }
  SECTION("every length up to the end of the program headers") {
    for (size_t n = 0; n <= 200; n += 4) {
      INFO("first " << n << " bytes");
      std::string path = dir.write("prefix.elf", first_bytes(full, n));
      std::string msg = refusal(path);
      CHECK_THAT(msg, Catch::StartsWith(path + ": "));
    }
  }
}

// The loadable segments of blink.elf come first in the file; its symbol table and section header
// table come last. Cutting the file after the segments leaves an image that loads "successfully"
// with no symbols at all: load() ignores that e_shoff/e_shnum point past the end of the file
// (elf_nextscn() just returns null), so a truncated file is not refused and fault reports, the
// dashboard and the bench silently lose every symbol name.
TEST_CASE("elf image refuses a copy cut after the segments, in the symbol or section tables",
          "[elf_image]") {
  std::vector<char> full = read_bytes(kBlink);
  std::vector<uint8_t> b(full.begin(), full.end());
  auto le16 = [&](size_t at) { return uint32_t{b[at]} | uint32_t{b[at + 1]} << 8; };
  uint32_t shoff = le32(b, 32), shentsize = le16(46), shnum = le16(48);
  REQUIRE(shentsize == 40);
  REQUIRE(shnum > 0);
  REQUIRE(uint64_t{shoff} + shnum * shentsize <= full.size());
  size_t symtab_middle = 0;
  for (uint32_t i = 0; i < shnum; ++i) {
    size_t sh = shoff + i * shentsize;
    if (le32(b, sh + 4) == 2 /* SHT_SYMTAB */) symtab_middle = le32(b, sh + 16) + le32(b, sh + 20) / 2;
  }
  REQUIRE(symtab_middle > 0);
  ElfImage good = ElfImage::load(kBlink);
  REQUIRE(good.find("main") != nullptr);
  TempDir dir;

  SECTION("in the middle of the symbol table") {
    std::string path = dir.write("cut-symtab.elf", first_bytes(full, symtab_middle));
    std::string msg = refusal(path);
    CHECK_THAT(msg, Catch::StartsWith(path + ": "));
  }
  SECTION("one byte short of the end of the section header table") {
    size_t n = shoff + shnum * shentsize - 1;
    std::string path = dir.write("cut-shdr.elf", first_bytes(full, n));
    std::string msg = refusal(path);
    CHECK_THAT(msg, Catch::StartsWith(path + ": "));
  }
}

TEST_CASE("elf image refuses a 32-bit ELF for another machine", "[elf_image]") {
  std::vector<char> bytes = read_bytes(kBlink);
  REQUIRE(bytes.size() > 20);
  REQUIRE(bytes[18] == 40);  // EM_ARM, little-endian
  bytes[18] = 3;             // EM_386
  bytes[19] = 0;
  TempDir dir;
  std::string path = dir.write("x86.elf", bytes);
  std::string msg = refusal(path);
  CHECK_THAT(msg, Catch::StartsWith(path + ": "));
  CHECK_THAT(msg, Catch::Contains("not ARM"));
  CHECK_THAT(msg, Catch::Contains("machine 3"));
}

TEST_CASE("elf image refuses a big-endian ELF", "[elf_image]") {
  std::vector<char> bytes = read_bytes(kBlink);
  REQUIRE(bytes[5] == 1);  // ELFDATA2LSB
  bytes[5] = 2;            // ELFDATA2MSB
  TempDir dir;
  std::string path = dir.write("be.elf", bytes);
  std::string msg = refusal(path);
  CHECK_THAT(msg, Catch::StartsWith(path + ": "));
  CHECK_THAT(msg, Catch::Contains("big-endian"));
}

TEST_CASE("elf image refuses an ARM object that is not an executable", "[elf_image]") {
  std::vector<char> bytes = read_bytes(kBlink);
  REQUIRE(bytes[16] == 2);  // ET_EXEC
  bytes[16] = 1;            // ET_REL
  TempDir dir;
  std::string path = dir.write("obj.o", bytes);
  std::string msg = refusal(path);
  CHECK_THAT(msg, Catch::StartsWith(path + ": "));
  CHECK_THAT(msg, Catch::Contains("not an executable"));
}

}  // namespace sim

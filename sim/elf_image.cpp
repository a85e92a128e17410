// SPDX-License-Identifier: GPL-2.0-or-later
#include "elf_image.h"

#include <fcntl.h>
#include <elfutils/libdw.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>
#include <cxxabi.h>
#include <cstdlib>

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <memory>

namespace sim {

namespace {

struct ElfHandle {
  int fd = -1;
  Elf* elf = nullptr;
  ~ElfHandle() {
    if (elf) elf_end(elf);
    if (fd >= 0) close(fd);
  }
};

// C++ names as people write them: "blink(machine::Pin&, int)" rather than "_Z5blinkRN7machine3PinEi".
std::string demangle(const char* name) {
  int status = 0;
  char* out = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  if (status != 0 || !out) return name;
  std::string result(out);
  std::free(out);
  return result;
}

}  // namespace

ElfImage ElfImage::load(const std::string& path) {
  if (elf_version(EV_CURRENT) == EV_NONE) throw ElfError(fmt::format("{}: libelf is unusable", path));
  ElfHandle h;
  h.fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (h.fd < 0) throw ElfError(fmt::format("{}: cannot open the file", path));
  h.elf = elf_begin(h.fd, ELF_C_READ, nullptr);
  return from_elf(h.elf, path);
}

ElfImage ElfImage::from_bytes(std::vector<uint8_t> bytes, const std::string& name) {
  if (elf_version(EV_CURRENT) == EV_NONE) throw ElfError(fmt::format("{}: libelf is unusable", name));
  if (bytes.empty()) throw ElfError(fmt::format("{}: not an ELF file", name));
  ElfHandle h;  // libelf reads `bytes` in place: they outlive the handle
  h.elf = elf_memory(reinterpret_cast<char*>(bytes.data()), bytes.size());
  return from_elf(h.elf, name);
}

// Everything after opening: `elf_handle` is an Elf* (or null when libelf could not open it).
ElfImage ElfImage::from_elf(void* elf_handle, const std::string& path) {
  auto fail = [&](const std::string& why) { return ElfError(fmt::format("{}: {}", path, why)); };
  Elf* elf = static_cast<Elf*>(elf_handle);
  if (!elf || elf_kind(elf) != ELF_K_ELF) throw fail("not an ELF file");
  if (gelf_getclass(elf) != ELFCLASS32) throw fail("not a 32-bit ELF file (the board is a Cortex-M4)");

  GElf_Ehdr ehdr;
  if (!gelf_getehdr(elf, &ehdr)) throw fail(fmt::format("unreadable ELF header ({})", elf_errmsg(-1)));
  if (ehdr.e_ident[EI_DATA] != ELFDATA2LSB) throw fail("big-endian ELF; the board is little-endian");
  if (ehdr.e_machine != EM_ARM) throw fail(fmt::format("ELF for machine {}, not ARM", ehdr.e_machine));
  if (ehdr.e_type != ET_EXEC) throw fail("not an executable (relocatable object or shared library?)");

  ElfImage image;
  image.path_ = path;
  image.entry_ = static_cast<uint32_t>(ehdr.e_entry);

  size_t raw_size = 0;
  if (!elf_rawfile(elf, &raw_size)) throw fail("cannot read the file's contents");
  if (ehdr.e_shoff != 0 && ehdr.e_shoff + static_cast<uint64_t>(ehdr.e_shnum) * ehdr.e_shentsize > raw_size)
    throw fail("truncated: the section headers lie past the end of the file");
  size_t phnum = 0;
  if (elf_getphdrnum(elf, &phnum) != 0) throw fail("unreadable program headers");
  size_t file_size = 0;
  const char* raw = elf_rawfile(elf, &file_size);
  if (!raw) throw fail("cannot read the file's contents");
  for (size_t i = 0; i < phnum; ++i) {
    GElf_Phdr ph;
    if (!gelf_getphdr(elf, static_cast<int>(i), &ph)) throw fail(fmt::format("unreadable program header {}", i));
    if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
    if (ph.p_offset + ph.p_filesz > file_size || ph.p_filesz > ph.p_memsz)
      throw fail(fmt::format("segment {} at 0x{:08X} runs past the end of the file (truncated?)", i, ph.p_paddr));
    if (ph.p_paddr + ph.p_memsz > 0x1'0000'0000ull)
      throw fail(fmt::format("segment {} at 0x{:08X} does not fit the 32-bit address space", i, ph.p_paddr));
    ElfSegment seg;
    seg.address = static_cast<uint32_t>(ph.p_paddr);
    seg.mem_size = static_cast<uint32_t>(ph.p_memsz);
    seg.bytes.assign(raw + ph.p_offset, raw + ph.p_offset + ph.p_filesz);
    image.segments_.push_back(std::move(seg));
  }
  if (image.segments_.empty()) throw fail("no loadable segments");

  for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn; scn = elf_nextscn(elf, scn)) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data) continue;
    size_t count = sh.sh_size / sh.sh_entsize;
    for (size_t i = 0; i < count; ++i) {
      GElf_Sym sym;
      if (!gelf_getsym(data, static_cast<int>(i), &sym)) break;
      int type = GELF_ST_TYPE(sym.st_info);
      if (sym.st_shndx == SHN_UNDEF) continue;
      // Functions, objects, and the global plain symbols a linker script defines (__stack_guard).
      bool linker_symbol = type == STT_NOTYPE && GELF_ST_BIND(sym.st_info) == STB_GLOBAL;
      if (type != STT_FUNC && type != STT_OBJECT && !linker_symbol) continue;
      const char* name = elf_strptr(elf, sh.sh_link, sym.st_name);
      if (!name || !*name || name[0] == '$') continue;  // '$t', '$d': ARM mapping symbols
      bool func = type == STT_FUNC;
      uint32_t addr = static_cast<uint32_t>(sym.st_value) & (func ? ~1u : ~0u);
      image.symbols_.push_back({demangle(name), addr, static_cast<uint32_t>(sym.st_size), func});
    }
  }
  std::sort(image.symbols_.begin(), image.symbols_.end(),
            [](const ElfSymbol& a, const ElfSymbol& b) { return a.address < b.address; });
  image.load_lines(elf);
  return image;
}

// Reads every compilation unit's line table into one sorted list. Images without DWARF (stripped)
// simply have no lines; a damaged table loses lines, never the image.
void ElfImage::load_lines(void* elf_handle) {
  Dwarf* dwarf = dwarf_begin_elf(static_cast<Elf*>(elf_handle), DWARF_C_READ, nullptr);
  if (!dwarf) return;
  std::map<std::string, uint32_t> file_index;
  Dwarf_Off offset = 0, next = 0;
  size_t header_size = 0;
  while (dwarf_nextcu(dwarf, offset, &next, &header_size, nullptr, nullptr, nullptr) == 0) {
    Dwarf_Die cu;
    if (dwarf_offdie(dwarf, offset + header_size, &cu)) {
      Dwarf_Lines* lines = nullptr;
      size_t count = 0;
      if (dwarf_getsrclines(&cu, &lines, &count) == 0) {
        for (size_t i = 0; i < count; ++i) {
          Dwarf_Line* l = dwarf_onesrcline(lines, i);
          Dwarf_Addr addr = 0;
          int lineno = 0;
          bool end = false;
          if (!l || dwarf_lineaddr(l, &addr) != 0 || dwarf_lineno(l, &lineno) != 0) continue;
          dwarf_lineendsequence(l, &end);
          const char* file = dwarf_linesrc(l, nullptr, nullptr);
          auto [it, added] = file_index.emplace(file ? file : "?", static_cast<uint32_t>(files_.size()));
          if (added) files_.push_back(it->first);
          lines_.push_back({static_cast<uint32_t>(addr), it->second, end ? 0 : lineno});
        }
      }
    }
    offset = next;
  }
  dwarf_end(dwarf);
  std::stable_sort(lines_.begin(), lines_.end(), [](const LineRow& a, const LineRow& b) { return a.address < b.address; });
}

std::optional<SourceLine> ElfImage::source_line(uint32_t address) const {
  auto it = std::upper_bound(lines_.begin(), lines_.end(), address,
                             [](uint32_t a, const LineRow& r) { return a < r.address; });
  if (it == lines_.begin()) return std::nullopt;
  --it;
  if (it->line == 0) return std::nullopt;  // past the end of a sequence
  return SourceLine{files_[it->file], it->line};
}

const ElfSymbol* ElfImage::symbol_at(uint32_t address) const {
  auto it = std::upper_bound(symbols_.begin(), symbols_.end(), address,
                             [](uint32_t a, const ElfSymbol& s) { return a < s.address; });
  while (it != symbols_.begin()) {
    --it;
    if (address < it->address + std::max<uint32_t>(it->size, 1)) return &*it;
    if (it->address + it->size <= address && it->size != 0) break;
  }
  return nullptr;
}

const ElfSymbol* ElfImage::find(const std::string& name) const {
  for (const ElfSymbol& s : symbols_)
    if (s.name == name) return &s;
  return nullptr;
}

std::string ElfImage::describe(uint32_t address) const {
  std::string where;
  if (const ElfSymbol* s = symbol_at(address))
    where = address == s->address ? s->name : fmt::format("{}+0x{:X}", s->name, address - s->address);
  if (auto line = source_line(address)) {
    std::string file = line->file.substr(line->file.find_last_of('/') + 1);
    where += fmt::format("{}{}:{}", where.empty() ? "" : ", ", file, line->line);
  }
  return where.empty() ? fmt::format("0x{:08X}", address) : fmt::format("0x{:08X} ({})", address, where);
}

}  // namespace sim

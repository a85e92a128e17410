#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Generates the board's register headers, reference page and CMSIS-SVD file from devices/registers.yaml.

    python3 tools/gen_registers.py          # rewrite the outputs
    python3 tools/gen_registers.py --check  # exit 1, naming the stale files, if any output differs

The outputs are committed (a newcomer reads them without building); ctest's registers.up_to_date runs --check.
"""
import argparse
import os
import sys
from xml.sax.saxutils import escape

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = "devices/registers.yaml"
GENERATED = "GENERATED from devices/registers.yaml by tools/gen_registers.py: edit that file, not this one."
ACCESS_SVD = {"rw": "read-write", "ro": "read-only", "wo": "write-only"}
ACCESS_CPP = {"rw": "ReadWrite", "ro": "ReadOnly", "wo": "WriteOnly"}
ACCESS_DOC = {"rw": "read/write", "ro": "read-only", "wo": "write-only"}


class DefinitionError(Exception):
    pass


def load(path):
    with open(path) as f:
        spec = yaml.safe_load(f)
    blocks = {b["ns"]: b for b in spec["blocks"]}
    for b in spec["blocks"]:
        seen = {}
        for r in b["registers"]:
            if r["access"] not in ACCESS_SVD:
                raise DefinitionError(f"{b['ns']}.{r['name']}: access must be rw, ro or wo")
            for i in range(r.get("dim", 1)):
                off = r["offset"] + 4 * i
                if off % 4:
                    raise DefinitionError(f"{b['ns']}.{r['name']}: offset 0x{off:X} is not word-aligned")
                if off in seen:
                    raise DefinitionError(f"{b['ns']}: {r['name']} and {seen[off]} share offset 0x{off:X}")
                seen[off] = r["name"]
    for p in spec["peripherals"]:
        if p["block"] not in blocks:
            raise DefinitionError(f"peripheral {p['name']}: no block '{p['block']}'")
    return spec, blocks


def expanded(reg):
    """The words a register occupies: (offset, name) -- NAME0..NAMEn-1 for an array."""
    n = reg.get("dim", 1)
    if n == 1:
        return [(reg["offset"], reg["name"])]
    return [(reg["offset"] + 4 * i, f"{reg['name']}{i}") for i in range(n)]


def field_bits(f):
    if "bit" in f:
        return f["bit"], f["bit"]
    msb, lsb = f["bits"]
    return msb, lsb


def cpp_comment(text):
    return " ".join(str(text).split())


def line(decl, doc):
    return f"{decl}  // {cpp_comment(doc)}" if doc else decl


# ---- C++ ----

def peripherals_h(spec):
    out = ["// SPDX-License-Identifier: MIT", f"// {GENERATED}",
           "// The board's peripherals: where each one's registers start and which interrupt line it drives",
           "// (exception number = 16 + line). Shared by the firmware and the simulator; memory_map.h includes it.",
           "#pragma once", "#include <stdint.h>", "", "namespace board {", ""]
    for p in spec["peripherals"]:
        b = p["base"]
        out.append(line(f"inline constexpr uint32_t k{p['cpp']}Base = 0x{b >> 16:04X}'{b & 0xFFFF:04X};",
                        f"{p['name']}: {p.get('doc', '')}"))
    out.append("")
    for p in spec["peripherals"]:
        if "irq" in p:
            out.append(f"inline constexpr int k{p['cpp']}Irq = {p['irq']};")
    out += ["", "}  // namespace board", ""]
    return "\n".join(out)


def registers_h(spec):
    out = ["// SPDX-License-Identifier: MIT", f"// {GENERATED}",
           "// Register offsets, bits and codes of the board's peripherals (devices/registers.md describes them),",
           "// shared by firmware drivers and the simulator's device models. All registers are 32 bits wide and",
           "// word-aligned; a register array's constant is the offset of its first word.",
           "#pragma once", "#include <stdint.h>", "", "#include \"board/core_registers.h\"", "", "namespace board {"]
    for b in spec["blocks"]:
        users = ", ".join(p["name"] for p in spec["peripherals"] if p["block"] == b["ns"])
        out += ["", f"// {b['title']} ({users}).", f"namespace {b['ns']} {{"]
        for r in b["registers"]:
            doc = r.get("doc", "")
            if r.get("dim"):
                doc = f"{r['dim']} words: {doc}"
            out.append(line(f"inline constexpr uint32_t {r['name']} = 0x{r['offset']:02X};", doc))
        for r in b["registers"]:
            for v in r.get("values", []):
                out.append(line(f"inline constexpr uint32_t {r['name']}_{v['name']} = {v['value']};", v.get("doc", "")))
            for f in r.get("fields", []):
                msb, lsb = field_bits(f)
                if msb == lsb:
                    out.append(line(f"inline constexpr uint32_t {r['name']}_{f['name']} = 1u << {lsb};", f.get("doc", "")))
                else:
                    out.append(line(f"inline constexpr uint32_t {r['name']}_{f['name']}_SHIFT = {lsb};",
                                    f"{f.get('doc', '')} (bits {msb}:{lsb})"))
                prefix = f.get("prefix", f"{r['name']}_{f['name']}_")
                for v in f.get("values", []):
                    out.append(line(f"inline constexpr uint32_t {prefix}{v['name']} = {v['value']};", v.get("doc", "")))
        for c in b.get("constants", []):
            out.append(line(f"inline constexpr {c['type']} {c['name']} = {c['value']};", c.get("doc", "")))
        for extra in b.get("cpp", []):
            out.append(extra)
        out.append(f"}}  // namespace {b['ns']}")
    out += ["", "}  // namespace board", ""]
    return "\n".join(out)


def register_definitions_h(spec):
    out = ["// SPDX-License-Identifier: MIT", f"// {GENERATED}",
           "// The register tables the simulator decodes accesses by: each device model's RegisterMap is checked",
           "// against its peripheral's table when it is built, so a register the definition does not have (or one",
           "// it has that the model lacks, or with other access) is an error at start-up, not a silent drift.",
           "#pragma once", "#include <stdint.h>", "", "namespace board::definition {", "",
           "enum class Access : uint8_t { ReadWrite, ReadOnly, WriteOnly };",
           "", "struct RegisterDefinition {", "  uint32_t offset;", "  const char* name;", "  Access access;", "};", "",
           "// A block's registers, as one table (first, count).", "struct RegisterTable {",
           "  const RegisterDefinition* first;", "  int count;",
           "  const RegisterDefinition* begin() const { return first; }",
           "  const RegisterDefinition* end() const { return first + count; }", "};",
           "template <int N>", "constexpr RegisterTable table(const RegisterDefinition (&registers)[N]) { return {registers, N}; }",
           ""]
    for b in spec["blocks"]:
        name = "k" + "".join(part.capitalize() for part in b["ns"].split("_")) + "Registers"
        b["_table"] = name
        out.append(f"inline constexpr RegisterDefinition {name}[] = {{")
        for r in b["registers"]:
            for off, n in expanded(r):
                out.append(f"    {{0x{off:02X}, \"{n}\", Access::{ACCESS_CPP[r['access']]}}},")
        out.append("};")
    out += ["", "struct PeripheralDefinition {", "  const char* name;", "  uint32_t base;",
            "  int irq;  // -1: none", "  RegisterTable registers;", "};", "",
            "inline constexpr PeripheralDefinition kPeripherals[] = {"]
    for p in spec["peripherals"]:
        t = [b for b in spec["blocks"] if b["ns"] == p["block"]][0]["_table"]
        out.append(f"    {{\"{p['name']}\", 0x{p['base']:08X}, {p.get('irq', -1)}, table({t})}},")
    out += ["};", "", "}  // namespace board::definition", ""]
    return "\n".join(out)


# ---- the reference page ----

def registers_md(spec):
    d = spec["device"]
    out = [f"<!-- {GENERATED} -->", "", "# The board's registers", "", cpp_comment(d["description"]), "",
           "Every register is 32 bits and word-aligned; firmware reaches them through `board/registers.h` (offsets,"
           " bits and codes) and `board/peripherals.h` (base addresses, interrupt lines); debuggers load"
           " [`assets/asyncboard.svd`](../assets/asyncboard.svd). An access to an offset that no register occupies,"
           " a write to a read-only register or a read of a write-only one is logged with the peripheral, the"
           " register and the PC; an access outside every peripheral's window is a bus fault.", "",
           "| peripheral | base | interrupt line | registers | |", "| --- | --- | --- | --- | --- |"]
    for p in spec["peripherals"]:
        irq = str(p["irq"]) if "irq" in p else "—"
        out.append(f"| {p['name']} | `0x{p['base']:08X}` | {irq} | [{p['block']}](#{p['block']}) | {p.get('doc', '')} |")
    for b in spec["blocks"]:
        out += ["", f"## {b['ns']}", "", f"**{b['title']}.** {cpp_comment(b['description'])}", "",
                "| offset | register | access | |", "| --- | --- | --- | --- |"]
        for r in b["registers"]:
            off = f"`0x{r['offset']:02X}`"
            if r.get("dim"):
                off = f"`0x{r['offset']:02X}`..`0x{r['offset'] + 4 * (r['dim'] - 1):02X}`"
            name = f"`{r['name']}`" + (f"0..{r['dim'] - 1}" if r.get("dim") else "")
            access = ACCESS_DOC[r["access"]] + (", write 1 to clear" if r.get("w1c") else "")
            out.append(f"| {off} | {name} | {access} | {cpp_comment(r.get('doc', ''))} |")
        for r in b["registers"]:
            if r.get("fields"):
                out += ["", f"`{r['name']}` fields:", "", "| bits | field | |", "| --- | --- | --- |"]
                for f in r["fields"]:
                    msb, lsb = field_bits(f)
                    bits = str(lsb) if msb == lsb else f"{msb}:{lsb}"
                    doc = cpp_comment(f.get("doc", ""))
                    if f.get("values"):
                        prefix = f.get("prefix", f"{r['name']}_{f['name']}_")
                        doc += " — " + ", ".join(f"{v['value']} `{prefix}{v['name']}`" for v in f["values"])
                    out.append(f"| {bits} | `{f['name']}` | {doc} |")
            if r.get("values"):
                out += ["", f"`{r['name']}` values:", "", "| value | name | |", "| --- | --- | --- |"]
                for v in r["values"]:
                    out.append(f"| {v['value']} | `{r['name']}_{v['name']}` | {cpp_comment(v.get('doc', ''))} |")
        if b.get("constants"):
            out += ["", "Constants:", "", "| name | value | |", "| --- | --- | --- |"]
            for c in b["constants"]:
                out.append(f"| `{c['name']}` | {c['value']} | {cpp_comment(c.get('doc', ''))} |")
    out.append("")
    return "\n".join(out)


# ---- CMSIS-SVD ----

def svd(spec):
    d = spec["device"]
    cpu = d["cpu"]
    x = ['<?xml version="1.0" encoding="utf-8"?>', f"<!-- {GENERATED} -->",
         '<device schemaVersion="1.3" xmlns:xs="http://www.w3.org/2001/XMLSchema-instance" '
         'xs:noNamespaceSchemaLocation="CMSIS-SVD.xsd">',
         "  <vendor>asyncboard</vendor>", f"  <name>{d['name']}</name>", f"  <version>{d['version']}</version>",
         f"  <description>{escape(cpp_comment(d['description']))}</description>",
         "  <cpu>", f"    <name>{cpu['name']}</name>", f"    <revision>{cpu['revision']}</revision>",
         f"    <endian>{cpu['endian']}</endian>", f"    <mpuPresent>{str(cpu['mpu']).lower()}</mpuPresent>",
         f"    <fpuPresent>{str(cpu['fpu']).lower()}</fpuPresent>",
         f"    <nvicPrioBits>{cpu['nvic_prio_bits']}</nvicPrioBits>", "    <vendorSystickConfig>false</vendorSystickConfig>",
         "  </cpu>", "  <addressUnitBits>8</addressUnitBits>", "  <width>32</width>", "  <size>32</size>",
         "  <access>read-write</access>", "  <resetValue>0x00000000</resetValue>", "  <resetMask>0xFFFFFFFF</resetMask>",
         "  <peripherals>"]
    first_of_block = {}
    for p in spec["peripherals"]:
        b = [b for b in spec["blocks"] if b["ns"] == p["block"]][0]
        derived = first_of_block.get(p["block"])
        attr = f' derivedFrom="{derived}"' if derived else ""
        x.append(f"    <peripheral{attr}>")
        x.append(f"      <name>{p['name']}</name>")
        x.append(f"      <description>{escape(cpp_comment(b['title'] + ': ' + p.get('doc', '')))}</description>")
        x.append(f"      <groupName>{p['block'].upper()}</groupName>")
        x.append(f"      <baseAddress>0x{p['base']:08X}</baseAddress>")
        if not derived:
            x += ["      <addressBlock>", "        <offset>0x0</offset>", "        <size>0x1000</size>",
                  "        <usage>registers</usage>", "      </addressBlock>"]
        if "irq" in p:
            x += ["      <interrupt>", f"        <name>{p['name']}</name>",
                  f"        <description>{escape(p['name'])} interrupt</description>", f"        <value>{p['irq']}</value>",
                  "      </interrupt>"]
        if derived:
            x.append("    </peripheral>")
            continue
        first_of_block[p["block"]] = p["name"]
        x.append("      <registers>")
        for r in b["registers"]:
            x.append("        <register>")
            if r.get("dim"):
                x += [f"          <dim>{r['dim']}</dim>", "          <dimIncrement>0x4</dimIncrement>",
                      f"          <dimIndex>{','.join(str(i) for i in range(r['dim']))}</dimIndex>",
                      f"          <name>{r['name']}%s</name>"]
            else:
                x.append(f"          <name>{r['name']}</name>")
            x.append(f"          <description>{escape(cpp_comment(r.get('doc', r['name'])))}</description>")
            x.append(f"          <addressOffset>0x{r['offset']:02X}</addressOffset>")
            x.append(f"          <access>{ACCESS_SVD[r['access']]}</access>")
            if r.get("w1c"):
                x.append("          <modifiedWriteValues>oneToClear</modifiedWriteValues>")
            fields = list(r.get("fields", []))
            if r.get("values"):  # a register whose whole value is a code: one field with the codes
                fields = [{"name": "CODE", "bits": [31, 0], "doc": r.get("doc", ""), "values": r["values"]}]
            if fields:
                x.append("          <fields>")
                for f in fields:
                    msb, lsb = field_bits(f)
                    x += ["            <field>", f"              <name>{f['name']}</name>",
                          f"              <description>{escape(cpp_comment(f.get('doc', f['name'])))}</description>",
                          f"              <bitOffset>{lsb}</bitOffset>", f"              <bitWidth>{msb - lsb + 1}</bitWidth>"]
                    if f.get("values"):
                        x.append("              <enumeratedValues>")
                        for v in f["values"]:
                            x += ["                <enumeratedValue>", f"                  <name>{v['name']}</name>",
                                  f"                  <description>{escape(cpp_comment(v.get('doc', v['name'])))}</description>",
                                  f"                  <value>{v['value']}</value>", "                </enumeratedValue>"]
                        x.append("              </enumeratedValues>")
                    x.append("            </field>")
                x.append("          </fields>")
            x.append("        </register>")
        x += ["      </registers>", "    </peripheral>"]
    x += ["  </peripherals>", "</device>", ""]
    return "\n".join(x)


def outputs(spec):
    return {
        "devices/include/board/peripherals.h": peripherals_h(spec),
        "devices/include/board/registers.h": registers_h(spec),
        "devices/include/board/register_definitions.h": register_definitions_h(spec),
        "devices/registers.md": registers_md(spec),
        "assets/asyncboard.svd": svd(spec),
    }


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report stale outputs instead of writing them")
    ap.add_argument("--root", default=ROOT, help="the checkout (default: this script's)")
    args = ap.parse_args(argv)
    try:
        spec, _ = load(os.path.join(args.root, SOURCE))
    except (OSError, yaml.YAMLError, KeyError, DefinitionError) as e:
        print(f"{SOURCE}: {e}", file=sys.stderr)
        return 2
    stale = []
    for rel, text in outputs(spec).items():
        path = os.path.join(args.root, rel)
        old = open(path).read() if os.path.exists(path) else None
        if old == text:
            continue
        if args.check:
            stale.append(rel)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
            print(f"wrote {rel}")
    if stale:
        print(f"out of date with {SOURCE}: {', '.join(stale)}; run python3 tools/gen_registers.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

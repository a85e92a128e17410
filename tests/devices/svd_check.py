#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""svd_check.py SVD: checks that a CMSIS-SVD file is what SVD tools load.

Checks the elements this project's generator writes against CMSIS-SVD 1.3's schema rules: the order of
each element's children (the schema's xs:sequence), the required ones, number formats, derivedFrom
pointing at an earlier peripheral, register arrays (dim with a %s name), fields inside 32 bits without
overlap, enumerated values that fit their field, interrupts on lines 0..239, and no two registers of a
peripheral at one address. Prints each problem with its element path; exits 1 if there is any.
"""
import re
import sys
import xml.etree.ElementTree as ET

# Children in schema order (a subset: what a device description needs and this project uses).
ORDER = {
    "device": ["vendor", "vendorID", "name", "series", "version", "description", "licenseText", "cpu",
               "headerSystemFilename", "headerDefinitionsPrefix", "addressUnitBits", "width", "size", "access",
               "protection", "resetValue", "resetMask", "peripherals", "vendorExtensions"],
    "cpu": ["name", "revision", "endian", "mpuPresent", "fpuPresent", "fpuDP", "dspPresent", "icachePresent",
            "dcachePresent", "itcmPresent", "dtcmPresent", "vtorPresent", "nvicPrioBits", "vendorSystickConfig",
            "deviceNumInterrupts", "sauNumRegions", "sauRegionsConfig"],
    "peripheral": ["dim", "dimIncrement", "dimIndex", "dimName", "dimArrayIndex", "name", "version", "description",
                   "alternatePeripheral", "groupName", "prependToName", "appendToName", "headerStructName",
                   "disableCondition", "baseAddress", "size", "access", "protection", "resetValue", "resetMask",
                   "addressBlock", "interrupt", "registers"],
    "register": ["dim", "dimIncrement", "dimIndex", "dimName", "dimArrayIndex", "name", "displayName", "description",
                 "alternateGroup", "alternateRegister", "addressOffset", "size", "access", "protection", "resetValue",
                 "resetMask", "dataType", "modifiedWriteValues", "writeConstraint", "readAction", "fields"],
    "field": ["dim", "dimIncrement", "dimIndex", "dimName", "dimArrayIndex", "name", "description", "bitOffset",
              "bitWidth", "lsb", "msb", "bitRange", "access", "modifiedWriteValues", "writeConstraint", "readAction",
              "enumeratedValues"],
    "enumeratedValue": ["name", "description", "value", "isDefault"],
    "addressBlock": ["offset", "size", "usage", "protection"],
    "interrupt": ["name", "description", "value"],
}
REQUIRED = {
    "device": ["name", "version", "description", "addressUnitBits", "width", "peripherals"],
    "cpu": ["name", "revision", "endian", "mpuPresent", "fpuPresent", "nvicPrioBits", "vendorSystickConfig"],
    "peripheral": ["name", "baseAddress"],
    "register": ["name", "addressOffset"],
    "field": ["name"],
    "enumeratedValue": ["name"],
    "addressBlock": ["offset", "size", "usage"],
    "interrupt": ["name", "value"],
}
ACCESS = {"read-only", "write-only", "read-write", "writeOnce", "read-writeOnce"}
IDENT = re.compile(r"^[_A-Za-z0-9]*(%s)?[_A-Za-z0-9]*$")
problems = []


def number(text, where):
    t = (text or "").strip()
    try:
        return int(t[1:], 2) if t.startswith("#") else int(t, 0)
    except ValueError:
        problems.append(f"{where}: '{t}' is not a number")
        return 0


def check_order(el, where):
    order = ORDER.get(el.tag)
    if order is None:
        return
    seen = -1
    for child in el:
        if child.tag not in order:
            problems.append(f"{where}: <{child.tag}> is not allowed in <{el.tag}>")
            continue
        i = order.index(child.tag)
        repeatable = child.tag in ("addressBlock", "interrupt")
        if i < seen or (i == seen and not repeatable):
            problems.append(f"{where}: <{child.tag}> is out of order in <{el.tag}>")
        seen = i
    for r in REQUIRED.get(el.tag, []):
        if el.find(r) is None:
            problems.append(f"{where}: <{el.tag}> lacks <{r}>")


def main(path):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        print(f"{path}: {e}")
        return 1
    if root.tag != "device":
        problems.append(f"{path}: the root element is <{root.tag}>, not <device>")
    check_order(root, "device")
    if root.find("cpu") is not None:
        check_order(root.find("cpu"), "device/cpu")
    names = set()
    peripherals = root.findall("peripherals/peripheral")
    if not peripherals:
        problems.append("device: no peripherals")
    for p in peripherals:
        pname = p.findtext("name", "?")
        where = f"peripheral {pname}"
        check_order(p, where)
        if pname in names:
            problems.append(f"{where}: a second peripheral of that name")
        derived = p.get("derivedFrom")
        if derived and derived not in names:
            problems.append(f"{where}: derivedFrom '{derived}' names no earlier peripheral")
        names.add(pname)
        number(p.findtext("baseAddress"), where)
        for b in p.findall("addressBlock"):
            check_order(b, f"{where}/addressBlock")
        for irq in p.findall("interrupt"):
            check_order(irq, f"{where}/interrupt")
            if not 0 <= number(irq.findtext("value"), where) < 240:
                problems.append(f"{where}: interrupt value out of range")
        if not derived and p.find("registers") is None:
            problems.append(f"{where}: neither registers nor derivedFrom")
        addresses = {}
        for r in p.findall("registers/register"):
            rname = r.findtext("name", "?")
            rwhere = f"{where}/{rname}"
            check_order(r, rwhere)
            if not IDENT.match(rname):
                problems.append(f"{rwhere}: not an identifier")
            dim = r.findtext("dim")
            if dim is not None and "%s" not in rname:
                problems.append(f"{rwhere}: a register array's name needs %s")
            if r.findtext("access") and r.findtext("access") not in ACCESS:
                problems.append(f"{rwhere}: access '{r.findtext('access')}'")
            count = number(dim, rwhere) if dim is not None else 1
            step = number(r.findtext("dimIncrement"), rwhere) if dim is not None else 0
            base = number(r.findtext("addressOffset"), rwhere)
            for i in range(count):
                a = base + i * step
                if a in addresses:
                    problems.append(f"{rwhere}: offset 0x{a:X} also holds {addresses[a]}")
                addresses[a] = rname
            used = 0
            for f in r.findall("fields/field"):
                fwhere = f"{rwhere}.{f.findtext('name', '?')}"
                check_order(f, fwhere)
                lsb = number(f.findtext("bitOffset"), fwhere)
                width = number(f.findtext("bitWidth"), fwhere)
                if width < 1 or lsb + width > 32:
                    problems.append(f"{fwhere}: bits {lsb}+{width} do not fit 32")
                    continue
                mask = ((1 << width) - 1) << lsb
                if used & mask:
                    problems.append(f"{fwhere}: overlaps another field")
                used |= mask
                for v in f.findall("enumeratedValues/enumeratedValue"):
                    check_order(v, f"{fwhere}/{v.findtext('name', '?')}")
                    if number(v.findtext("value"), fwhere) >= 1 << width:
                        problems.append(f"{fwhere}: value {v.findtext('value')} does not fit {width} bits")
    for p in problems:
        print(f"{path}: {p}")
    if not problems:
        print(f"{path}: ok ({len(peripherals)} peripherals)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

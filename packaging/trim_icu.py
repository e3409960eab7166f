"""A smaller ICU data library for the bundle: the same libicudata.so.NN, without the data Qt never
reads in this app.

Qt reads ICU's data for collation (QCollator, e.g. sorting in Qt's file dialog), and ICU's own core
tables; it never asks for what goes here: break-iterator dictionaries and rules (Qt breaks text
itself), unit, currency, language, region and time-zone display names (Qt's QLocale has its own CLDR
tables), transliteration, spelled-out numbers, and the legacy character converters (Qt 6 is UTF-8
on Linux). The app's own texts never reach ICU. What remains is repacked in ICU's common-data format
and linked into a library of the same name with binutils (as, ld), which PyInstaller already needs.

Usage: python trim_icu.py LIBICUDATA OUT_FOLDER   (prints the new library's path)
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path

#: Item trees left out (the data's own folder names) and the converters' suffix.
LEFT_OUT_TREES = ("brkitr", "unit", "curr", "lang", "region", "zone", "translit", "rbnf")
LEFT_OUT_SUFFIX = ".cnv"
ALIGNMENT = 16  # ICU's data items start on 16-byte boundaries


def symbol(library: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the library's one data symbol, icudtNN_dat."""
    listing = subprocess.run(["nm", "-D", "-S", "--defined-only", str(library)], capture_output=True, text=True,
                             check=True).stdout
    address, size, _, name = next(line.split() for line in listing.splitlines() if line.endswith("_dat"))
    sections = subprocess.run(["objdump", "-h", str(library)], capture_output=True, text=True, check=True).stdout
    for line in sections.splitlines():
        fields = line.split()
        if len(fields) > 5 and fields[1] == ".rodata":
            vma, offset = int(fields[3], 16), int(fields[5], 16)
            return name, int(address, 16) - vma + offset, int(size, 16)
    raise SystemExit(f"trim_icu: no .rodata in {library}")


def items(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The common data's header and its (name, data) items, in order."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD":
        raise SystemExit("trim_icu: not ICU common data")
    toc = header_size
    count = struct.unpack_from("<I", blob, toc)[0]
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    ends = [data for _, data in entries[1:]] + [len(blob) - toc]
    found = []
    for (name_at, data_at), end in zip(entries, ends, strict=True):
        name = blob[toc + name_at:blob.index(b"\0", toc + name_at)].decode("ascii")
        found.append((name, blob[toc + data_at:toc + end]))
    return blob[:header_size], found


def kept(name: str) -> bool:
    parts = name.split("/")
    return not (len(parts) > 2 and parts[1] in LEFT_OUT_TREES) and not name.endswith(LEFT_OUT_SUFFIX)


def pack(header: bytes, chosen: list[tuple[str, bytes]]) -> bytes:
    """ICU's common-data layout: header, count, (name, data) offsets from the count, names, data."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in chosen)
    table = 4 + 8 * len(chosen)
    data_start = -(-(table + len(names)) // ALIGNMENT) * ALIGNMENT
    offsets, name_at, data_at, body = [], table, data_start, bytearray()
    for name, data in chosen:
        offsets.append((name_at, data_at))
        name_at += len(name) + 1
        padded = data + b"\0" * (-len(data) % ALIGNMENT)
        body += padded
        data_at += len(padded)
    toc = struct.pack("<I", len(chosen)) + b"".join(struct.pack("<II", *pair) for pair in offsets)
    return header + toc + names + b"\0" * (data_start - table - len(names)) + bytes(body)


def trim(library: Path, folder: Path) -> Path:
    name, offset, size = symbol(library)
    header, found = items(library.read_bytes()[offset:offset + size])
    data = folder / f"{name}.bin"
    data.write_bytes(pack(header, [item for item in found if kept(item[0])]))
    soname = re.search(r"SONAME\s+(\S+)", subprocess.run(["objdump", "-p", str(library)], capture_output=True,
                                                         text=True, check=True).stdout).group(1)
    source = folder / f"{name}.s"
    source.write_text(f'.section .rodata\n.globl {name}\n.type {name}, @object\n.balign {ALIGNMENT}\n'
                      f'{name}:\n.incbin "{data}"\n.size {name}, . - {name}\n'
                      '.section .note.GNU-stack,"",@progbits\n')
    subprocess.run(["as", "-o", str(folder / f"{name}.o"), str(source)], check=True)
    out = folder / soname
    subprocess.run(["ld", "-shared", "-soname", soname, "-o", str(out), str(folder / f"{name}.o")], check=True)
    return out


if __name__ == "__main__":
    print(trim(Path(sys.argv[1]), Path(sys.argv[2])))

"""packaging/trim_icu.py: ICU's data repacked without the trees Qt never reads, every kept item
byte for byte as it was, in a library ICU still finds (same data symbol and soname)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("trim_icu", ROOT / "packaging" / "trim_icu.py")
trim_icu = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(trim_icu)


def icu_data_library() -> Path | None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


def test_packing_keeps_every_item_as_it_was():
    header = bytes([32, 0, 0xDA, 0x27]) + bytes(8) + b"CmnD" + bytes(16)
    chosen = [("icudt73l/a.res", b"first item"), ("icudt73l/coll/b.res", bytes(range(40))), ("icudt73l/c.icu", b"")]
    blob = trim_icu.pack(header, chosen)
    again_header, again = trim_icu.items(blob)
    assert again_header == header
    assert [name for name, _ in again] == [name for name, _ in chosen]
    for (_, data), (_, before) in zip(again, chosen, strict=True):
        assert data[:len(before)] == before and not data[len(before):].strip(b"\0")  # padded to 16 bytes


def test_the_left_out_trees_are_the_named_ones():
    assert not trim_icu.kept("icudt73l/brkitr/cjdict.dict")
    assert not trim_icu.kept("icudt73l/zone/de.res") and not trim_icu.kept("icudt73l/gb18030.cnv")
    assert trim_icu.kept("icudt73l/coll/de.res") and trim_icu.kept("icudt73l/root.res")
    assert trim_icu.kept("icudt73l/cnvalias.icu")


@pytest.mark.skipif(icu_data_library() is None or shutil.which("ld") is None, reason="needs PySide6's ICU and binutils")
def test_the_trimmed_library_has_the_kept_items_of_the_real_one(tmp_path):
    library = icu_data_library()
    trimmed = trim_icu.trim(library, tmp_path)
    name, offset, size = trim_icu.symbol(library)
    assert trim_icu.symbol(trimmed)[0] == name
    assert trimmed.name == library.name and "SONAME" in subprocess.run(
        ["objdump", "-p", str(trimmed)], capture_output=True, text=True, check=True).stdout
    _, before = trim_icu.items(library.read_bytes()[offset:offset + size])
    _, new_offset, new_size = trim_icu.symbol(trimmed)
    _, after = trim_icu.items(trimmed.read_bytes()[new_offset:new_offset + new_size])
    assert dict(after).keys() == {name for name, _ in before if trim_icu.kept(name)}
    old = dict(before)
    assert all(data[:len(old[item])] == old[item] for item, data in after)
    assert any(item.startswith("icudt") and "/coll/" in item for item, _ in after)
    assert trimmed.stat().st_size < library.stat().st_size / 2

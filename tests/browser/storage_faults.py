"""Faults injected into a closed browser profile's files, the way a kill or a
failing disk leaves them (../shared/testing/STORAGE-FAULTS.md).

LevelDB's write-ahead log (leveldb doc/log_format.md) is a run of 32 KiB
blocks; each physical record has a 7-byte header (masked CRC32C, payload
length, type) and its payload, and never crosses a block. Chromium writes the
header and the payload with two write() calls, so a kill between them leaves
a header with none or part of its payload at the end of the log.
"""

from __future__ import annotations

import hashlib
import base64
import json
import struct
from dataclasses import dataclass
from pathlib import Path

BLOCK = 32 * 1024
HEADER = 7
RECORD_TYPES = {1: "FULL", 2: "FIRST", 3: "MIDDLE", 4: "LAST"}
COPY_FIRST_LINE = b"famplan-copy 1\n"


def _crc32c_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_TABLE = _crc32c_table()


def crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for byte in data:
        crc = _TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def masked(crc: int) -> int:
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


@dataclass(frozen=True)
class LogRecord:
    offset: int
    length: int
    type: int
    whole: bool  # the payload is all there
    sound: bool  # and its checksum matches


def log_records(data: bytes) -> list[LogRecord]:
    """Every physical record of a LevelDB log, in order; the last may be cut short."""
    records: list[LogRecord] = []
    offset = 0
    while offset < len(data):
        left_in_block = BLOCK - offset % BLOCK
        if left_in_block < HEADER:  # zero padding to the end of the block
            offset += left_in_block
            continue
        if offset + HEADER > len(data):
            records.append(LogRecord(offset, 0, 0, whole=False, sound=False))  # a header cut short
            break
        checksum, length, type_ = struct.unpack_from("<IHB", data, offset)
        if type_ == 0 and length == 0 and checksum == 0:  # room a writer reserved and never used
            offset += left_in_block
            continue
        payload = data[offset + HEADER : offset + HEADER + length]
        whole = len(payload) == length
        sound = whole and masked(crc32c(bytes([type_]) + payload)) == checksum
        records.append(LogRecord(offset, length, type_, whole, sound))
        offset += HEADER + length
    return records


def indexeddb_logs(profile: Path) -> list[Path]:
    """The write-ahead logs of every IndexedDB LevelDB of the profile (the origin's, and any bucket's)."""
    return sorted(path for path in (profile / "Default").rglob("*.log") if "IndexedDB" in path.parts and path.parent.name.endswith("leveldb"))


def newest_primary_log(profile: Path) -> Path:
    logs = [path for path in indexeddb_logs(profile) if path.parent.name.endswith(".indexeddb.leveldb")]
    assert logs, f"no IndexedDB log in {profile}"
    return max(logs, key=lambda path: (path.stat().st_mtime_ns, path.name))


def tear_last_record(log: Path, keep_payload: int = 0) -> LogRecord:
    """Cuts the log inside its last record, keeping its header and `keep_payload`
    bytes of its payload: what a kill between the two write() calls leaves."""
    data = log.read_bytes()
    records = log_records(data)
    assert records and all(record.sound for record in records), f"{log} is not a sound LevelDB log before the cut"
    last = records[-1]
    assert keep_payload < last.length
    with log.open("r+b") as handle:
        handle.truncate(last.offset + HEADER + keep_payload)
    return last


def torn_records(log: Path) -> list[LogRecord]:
    """Records whose payload is missing or does not match its checksum."""
    return [record for record in log_records(log.read_bytes()) if not record.sound]


@dataclass(frozen=True)
class CopyFile:
    path: Path
    item: str
    seq: int
    value: dict


def copy_files(profile: Path) -> list[CopyFile]:
    """The second copy's slot files, found by their content among the origin's
    private file system files (Chromium stores them under numbered names)."""
    found = []
    for path in (profile / "Default" / "File System").rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if not data.startswith(COPY_FIRST_LINE):
            continue
        try:
            body = json.loads(data.split(b"\n", 2)[2])
        except (IndexError, ValueError):
            continue  # a slot already cut short
        found.append(CopyFile(path, body["item"], body["seq"], body["value"]))
    return found


def newest_copy_file(profile: Path, item: str) -> CopyFile:
    files = [file for file in copy_files(profile) if file.item == item]
    assert files, f"the second copy has no {item}"
    return max(files, key=lambda file: file.seq)


def write_copy_file(path: Path, item: str, vault_id: str, seq: int, value: dict) -> None:
    """Writes a slot file as the app does (copy-format.js), checksum included: a careful forger."""
    body = json.dumps({"item": item, "vaultId": vault_id, "seq": seq, "value": value}, separators=(",", ":")).encode()
    digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).rstrip(b"=")
    path.write_bytes(COPY_FIRST_LINE + digest + b"\n" + body)

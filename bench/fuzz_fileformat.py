"""A long mutation fuzz run of the Python `.famplan` reader (server/fileformat.py).

    .venv/bin/python bench/fuzz_fileformat.py [--cases 200000] [--seed 1] [--stack 3]

The test suite runs about 1,100 cases (tests/test_fileformat.py); this runs as
many as asked, stacking up to `--stack` mutations per case, and prints cases
per second and how often each outcome came up. PBKDF2 is replaced by a cheap
stand-in with the same inputs and output size, as in the tests, so the figure
is the reader's own cost. Anything but a FileFormatError is a failure: the run
prints the case and exits with status 1. So does a case slower than `--slow`
seconds (a hang) or a mutant that opens although its meaning changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server import fileformat as ff  # noqa: E402
from tests.test_fileformat import PASSPHRASE, PAYLOAD, _mutants, fixed_rng  # noqa: E402


def cheap_kdf(secret: bytes, salt: bytes, iterations: int) -> bytes:
    return hashlib.sha256(secret + salt + iterations.to_bytes(8, "big")).digest()


def byte_mutation(data: bytes, rng: random.Random) -> bytes:
    """One more blind change on top of a structured one."""
    if not data:
        return rng.randbytes(rng.randint(1, 16))
    roll = rng.random()
    at = rng.randrange(len(data))
    if roll < 0.4:
        changed = bytearray(data)
        changed[at] ^= 1 << rng.randrange(8)
        return bytes(changed)
    if roll < 0.6:
        return data[:at] + data[at + rng.randint(1, 64) :]
    if roll < 0.8:
        return data[:at] + rng.choice([b'"', b"{", b"}", b"[", b"]", b",", b":", b"\\", b"0", b"\x00", b"\xc3"]) + data[at:]
    return data[:at] + data[at:][: rng.randint(0, 8)] * 2 + data[at + 8 :]


def cases(base: bytes, seed: int, count: int, stack: int):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    produced = 0
    while produced < count:
        for label, mutant in _mutants(base, random.Random(rng.getrandbits(64))):
            for _ in range(rng.randint(0, stack - 1)):
                mutant = byte_mutation(mutant, rng)
            yield label, mutant
            produced += 1
            if produced >= count:
                return


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stack", type=int, default=3, help="at most this many mutations per case")
    parser.add_argument("--slow", type=float, default=1.0, help="seconds after which one case counts as a hang")
    args = parser.parse_args()

    ff.derive_wrapping_key = cheap_kdf  # type: ignore[assignment]
    base = ff.encrypt_plan(PAYLOAD, PASSPHRASE, rng=fixed_rng("bench"))
    base_outer = json.loads(base)

    outcomes: Counter[str] = Counter()
    by_label: Counter[str] = Counter()
    slowest = (0.0, "")
    started = time.perf_counter()
    for label, mutant in cases(base, args.seed, args.cases, args.stack):
        by_label[label] += 1
        case_started = time.perf_counter()
        try:
            payload = ff.decrypt_file(mutant, PASSPHRASE)
            outcome = "opened"
        except ff.FileFormatError as exc:
            outcome = exc.code
        except Exception as exc:  # noqa: BLE001 - the point of the run
            print(f"FAIL {label}: {type(exc).__name__}: {exc}\n{mutant[:400]!r}")
            return 1
        took = time.perf_counter() - case_started
        if took > args.slow:
            print(f"FAIL {label}: one case took {took:.2f} s\n{mutant[:400]!r}")
            return 1
        slowest = max(slowest, (took, label))
        # Only a change that means nothing (whitespace, the final newline) may still open.
        if outcome == "opened" and (json.loads(mutant) != base_outer or payload["plan"] != PAYLOAD["plan"]):
            print(f"FAIL {label}: a changed file opened\n{mutant[:400]!r}")
            return 1
        outcomes[outcome] += 1
    elapsed = time.perf_counter() - started

    total = sum(outcomes.values())
    print(f"{total} cases in {elapsed:.1f} s: {total / elapsed:,.0f} cases/s (seed {args.seed}, up to {args.stack} mutations each)")
    print(f"slowest case: {slowest[0] * 1000:.1f} ms ({slowest[1]})")
    print("outcomes:")
    for code, count in outcomes.most_common():
        print(f"  {code:30} {count:8} {100 * count / total:5.1f} %")
    print("mutation kinds:")
    for label, count in by_label.most_common():
        print(f"  {label:30} {count:8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

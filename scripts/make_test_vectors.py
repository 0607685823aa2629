"""Regenerate tests/vectors/*.famplan and their *.json sidecars, byte for byte.

Usage (from the repository root):
    python scripts/make_test_vectors.py            # write the vectors
    python scripts/make_test_vectors.py --check    # exit 1 if the files differ
    python scripts/make_test_vectors.py --explain  # intermediate values of the first vector

The "random" values come from SHA-256 of fixed labels: public, reproducible,
and therefore only ever fit for test vectors. All people, places and phone
numbers below are invented (555-01xx numbers are reserved for fiction).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402

from server import fileformat  # noqa: E402

VECTOR_DIR = ROOT / "tests" / "vectors"


@dataclass(frozen=True)
class VectorSpec:
    name: str
    description: str
    passphrase: str
    iterations: int
    kind: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Randomness:
    salt: bytes
    file_key: bytes
    wrap_iv: bytes
    payload_iv: bytes

    def rng(self) -> Callable[[int], bytes]:
        queue = [self.salt, self.file_key, self.wrap_iv, self.payload_iv]

        def draw(n: int) -> bytes:
            value = queue.pop(0)
            if len(value) != n:
                raise AssertionError(f"vector randomness drawn out of order ({n} bytes)")
            return value

        return draw


PLAN_ES: dict[str, Any] = {
    "household": {"name": "Familia Ejemplo (ficticia)", "language": "es"},
    "children": [
        {
            "name": "Sofía Ejemplo Núñez",
            "birthYear": 2016,
            "school": "Escuela Primaria Ficticia N.º 5",
            "medical": "Alergia a los cacahuetes; la EpiPen está en la mochila.",
        },
        {"name": "Mateo Ejemplo Núñez", "birthYear": 2019, "school": "Guardería Los Pinos (ficticia)", "medical": ""},
    ],
    "caregivers": [
        {"name": "María José Ibáñez", "relation": "tía", "phone": "+1 202 555 0143", "canPickUp": True},
        {"name": "Andrés Peña", "relation": "vecino", "phone": "+1 202 555 0178", "canPickUp": True},
    ],
    "instructions": "Si me detienen, María José recoge a los niños en la escuela. "
    "Los documentos están en la carpeta azul del cajón de la cocina.",
    "emergencyContacts": [{"name": "Línea de ayuda (ficticia)", "phone": "+1 202 555 0199"}],
}

PLAN_AR: dict[str, Any] = {
    "household": {"name": "عائلة مثال (خيالية)", "language": "ar"},
    "children": [
        {"name": "ليلى مثال", "birthYear": 2015, "school": "مدرسة النخيل الابتدائية (خيالية)", "medical": "ربو خفيف 👧"},
        {"name": "يوسف مثال", "birthYear": 2018, "school": "روضة الأمل (خيالية)", "medical": ""},
    ],
    "caregivers": [
        {"name": "سلمى مثال", "relation": "خالة", "phone": "+1 202 555 0121", "canPickUp": True},
    ],
    "instructions": "إذا تم احتجازي، تصطحب خالتي سلمى الأطفال من المدرسة. Backup: call Omar, +1 202 555 0122.",
}

PLAN_MY: dict[str, Any] = {
    "household": {"name": "ဥပမာ မိသားစု (စိတ်ကူးယဉ်)", "language": "my"},
    "children": [
        {"name": "မောင်မောင်", "birthYear": 2017, "school": "Lincoln Elementary (fictional)", "medical": ""},
    ],
    "caregivers": [
        {"name": "ဒေါ်ခင်", "relation": "အဒေါ်", "phone": "+1 202 555 0165", "canPickUp": True},
    ],
    "instructions": "ကျွန်ုပ်ကို ဖမ်းဆီးခံရလျှင် ဒေါ်ခင်က ကလေးများကို ကျောင်းမှ ကြိုပါမည်။",
}

SPECS: tuple[VectorSpec, ...] = (
    VectorSpec(
        name="v1-full-es",
        description="Full plan, Spanish; passphrase with accents (try it in NFD too).",
        passphrase="búho-cántaro-maíz-lluvia-ñandú-pájaro",
        iterations=600_000,
        kind="full",
        payload={"schemaVersion": 1, "plan": PLAN_ES},
    ),
    VectorSpec(
        name="v1-caregiver-ar",
        description="Caregiver copy, Arabic with an emoji; Arabic passphrase.",
        passphrase="قمر نهر جبل شمس ورد نخلة",
        iterations=600_000,
        kind="caregiver",
        payload={"schemaVersion": 1, "plan": PLAN_AR},
    ),
    VectorSpec(
        name="v1-full-my",
        description="Full plan, Burmese script; Burmese passphrase; 700,000 iterations.",
        passphrase="မိုး-တောင်-မြစ်-ကြယ်-လမ်း",
        iterations=700_000,
        kind="full",
        payload={"schemaVersion": 1, "plan": PLAN_MY},
    ),
)


def randomness_for(name: str) -> Randomness:
    def fixed(label: str, n: int) -> bytes:
        return hashlib.sha256(f"famplan test vector {name} {label}".encode()).digest()[:n]

    return Randomness(
        salt=fixed("salt", fileformat.SALT_BYTES),
        file_key=fixed("file key", fileformat.KEY_BYTES),
        wrap_iv=fixed("wrap iv", fileformat.IV_BYTES),
        payload_iv=fixed("payload iv", fileformat.IV_BYTES),
    )


def build_vector(spec: VectorSpec) -> tuple[bytes, bytes]:
    """The .famplan bytes and the sidecar JSON bytes for one vector."""
    randomness = randomness_for(spec.name)
    data = fileformat.encrypt_plan(
        spec.payload, spec.passphrase, iterations=spec.iterations, kind=spec.kind, rng=randomness.rng()
    )
    sidecar = {
        "description": spec.description,
        "file": f"{spec.name}.famplan",
        "passphrase": spec.passphrase,
        "passphraseVariants": _variants(spec.passphrase),
        "iterations": spec.iterations,
        "randomness": {
            "salt": randomness.salt.hex(),
            "fileKey": randomness.file_key.hex(),
            "wrapIv": randomness.wrap_iv.hex(),
            "payloadIv": randomness.payload_iv.hex(),
        },
        "intermediate": _intermediate(data, spec.passphrase),
        "expectedPayload": fileformat.decrypt_file(data, spec.passphrase),
    }
    text = json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n"
    return data, text.encode("utf-8")


def _variants(passphrase: str) -> list[str]:
    """Other Unicode spellings of the passphrase that must open the file too."""
    forms = (unicodedata.normalize(form, passphrase) for form in ("NFC", "NFD"))
    return sorted({form for form in forms if form != passphrase})


def _intermediate(data: bytes, passphrase: str) -> dict[str, Any]:
    header = fileformat.read_header(data)
    secret = fileformat.passphrase_bytes(passphrase)
    wrapping_key = fileformat.derive_wrapping_key(secret, header.salt, header.iterations)
    ciphertext = fileformat.b64url_decode(json.loads(data)["ciphertext"])
    return {
        "passphraseUtf8": secret.hex(),
        "wrappingKey": wrapping_key.hex(),
        "aadText": header.header_bytes.decode("ascii"),
        "aadHex": header.header_bytes.hex(),
        "wrappedKey": header.wrapped_key.hex(),
        "ciphertextLength": len(ciphertext),
        "ciphertextSha256": hashlib.sha256(ciphertext).hexdigest(),
        "payloadTag": ciphertext[-fileformat.TAG_BYTES :].hex(),
        "fileSha256": hashlib.sha256(data).hexdigest(),
    }


def explain(spec: VectorSpec) -> str:
    data, sidecar_bytes = build_vector(spec)
    sidecar = json.loads(sidecar_bytes)
    lines = [f"vector {spec.name}"]
    lines += [f"  {key}: {value}" for key, value in sidecar["randomness"].items()]
    lines += [f"  {key}: {value}" for key, value in sidecar["intermediate"].items()]
    plaintext = AESGCM(bytes.fromhex(sidecar["randomness"]["fileKey"])).decrypt(
        bytes.fromhex(sidecar["randomness"]["payloadIv"]),
        fileformat.b64url_decode(json.loads(data)["ciphertext"]),
        bytes.fromhex(sidecar["intermediate"]["aadHex"]),
    )
    lines.append(f"  plaintextLength: {len(plaintext)}")
    lines.append(f"  plaintextSha256: {hashlib.sha256(plaintext).hexdigest()}")
    lines.append(f"  plaintext: {plaintext.decode('utf-8')}")
    lines.append(f"  file: {data.decode('ascii')}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="compare instead of writing")
    mode.add_argument("--explain", action="store_true", help="print the first vector's intermediate values")
    args = parser.parse_args(argv)
    if args.explain:
        print(explain(SPECS[0]))
        return 0
    stale = []
    for spec in SPECS:
        data, sidecar = build_vector(spec)
        for path, content in ((VECTOR_DIR / f"{spec.name}.famplan", data), (VECTOR_DIR / f"{spec.name}.json", sidecar)):
            if args.check:
                if not path.exists() or path.read_bytes() != content:
                    stale.append(path)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
    for path in stale:
        print(f"stale: {path.relative_to(ROOT)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

"""Write a large, valid, deterministic family plan for benchmarks.

10 people, 40 contacts, a school entry per child, health entries for everyone,
documents, and long notes. The same seed always gives the same bytes.

    python scripts/make_large_plan.py [--seed N] [--out PATH]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

GIVEN = ["José", "María", "Sofía", "Andrés", "Lucía", "Ramón", "Inés", "Óscar", "Ángela", "Raúl",
         "Mónica", "Tomás", "Begoña", "Joaquín", "Verónica", "Héctor", "Itzel", "Nicolás", "Noemí", "Julián"]
SURNAMES = ["Morales", "Núñez", "Ibáñez", "Peña", "Gómez", "Hernández", "Ávila", "Ortega", "Muñoz", "Vázquez",
            "Quiñónez", "Beltrán", "Jiménez", "Ramírez", "Suárez"]
RELATIONS = ["Tía", "Tío", "Abuela", "Primo", "Vecina", "Madrina", "Padrino", "Amiga de la familia", "Compañero de trabajo"]
COUNTRIES = ["México", "Guatemala", "Honduras", "El Salvador", "United States"]
WORDS = ("la familia tiene un plan para cuidar a los niños si un padre no regresa a casa "
         "call the lawyer first keep the blue folder safe review the plan every six months "
         "los niños saben el número de la tía de memoria practice with the children").split()

N_ADULTS, N_CHILDREN, N_CONTACTS = 4, 6, 40


def _id(rng: random.Random) -> str:
    return f"{rng.getrandbits(64):016x}"


def _name(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"


def _phone(rng: random.Random) -> str:
    return f"({rng.choice(['414', '262', '312'])}) 555-{rng.randrange(100, 200):04d}"  # 555-01xx: fictional range


def _date(rng: random.Random, first_year: int, last_year: int) -> str:
    return f"{rng.randint(first_year, last_year)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _words(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    while sum(len(w) + 1 for w in out) < chars:
        out.append(rng.choice(WORDS))
    return " ".join(out)[:chars]


def _person(rng: random.Random, role: str) -> dict[str, Any]:
    adult = role == "adult"
    person: dict[str, Any] = {
        "id": _id(rng), "role": role, "legalName": _name(rng), "otherNames": _name(rng),
        "birthDate": _date(rng, 1970, 1995) if adult else _date(rng, 2008, 2023),
        "birthCountry": rng.choice(COUNTRIES), "citizenship": rng.choice(COUNTRIES),
        "aNumber": f"A{rng.randrange(10**7, 3 * 10**8):09d}", "ssnItin": f"900-7{rng.randrange(10)}-{rng.randrange(10**4):04d}",
        "idKinds": "Matrícula consular" if adult else "School ID", "languages": "Español, English",
        "notes": _words(rng, 300),
    }
    if adult:
        person |= {"phone": _phone(rng), "email": f"adult{rng.randrange(1000)}@example.com",
                   "workplace": "Empresa Ejemplo (fictional)", "workPhone": _phone(rng)}
    return person


def _contact(rng: random.Random, children: list[str]) -> dict[str, Any]:
    return {
        "id": _id(rng), "name": _name(rng), "kind": rng.choice(["family", "friend", "neighbor", "faith"]),
        "relation": rng.choice(RELATIONS), "phone": _phone(rng), "phone2": _phone(rng),
        "email": f"contact{rng.randrange(10000)}@example.com", "languages": "Español",
        "address": f"{rng.randrange(100, 9999)} S. Ejemplo Ave., Milwaukee, WI 53204 (fictional)",
        "canPickUp": rng.random() < 0.5, "memorizeBy": rng.sample(children, k=2),
        "outOfTown": rng.random() < 0.2, "notes": _words(rng, 500),
    }


def _school(rng: random.Random, child: str) -> dict[str, Any]:
    pickup = [{"id": _id(rng), "name": _name(rng), "phone": _phone(rng), "relation": rng.choice(RELATIONS)} for _ in range(5)]
    return {
        "id": _id(rng), "children": [child], "name": f"Escuela Ejemplo {rng.randrange(1, 99)} (fictional)", "kind": "school",
        "address": "1200 S. Example St., Milwaukee, WI 53204", "phone": _phone(rng), "staffContact": _name(rng),
        "staffPhone": _phone(rng), "pickup": pickup, "pickupAtSchool": True, "releaseOfRecords": True,
        "directoryOptOut": True, "backpackCard": True, "emergencyPlan": _words(rng, 300), "notes": _words(rng, 300),
    }


def _medical(rng: random.Random, person: str) -> dict[str, Any]:
    return {
        "id": _id(rng), "person": person, "conditions": _words(rng, 200), "allergies": "None known",
        "medications": _words(rng, 200), "pharmacy": "Farmacia Ejemplo", "pharmacyPhone": _phone(rng),
        "doctor": "Clínica Ejemplo", "doctorPhone": _phone(rng), "insurance": "BadgerCare Plus (example)",
        "insuranceId": f"EX-{rng.randrange(10**6):06d}", "immunizations": "Record in the blue folder",
        "disability": "None", "healthCareAgent": _name(rng),
    }


def _document(rng: random.Random, person: str) -> dict[str, Any]:
    return {
        "id": _id(rng), "kind": "passport", "person": person, "have": True, "keptAt": "Blue folder",
        "copyWith": _name(rng), "expiresOn": _date(rng, 2026, 2034), "notes": _words(rng, 120),
    }


def make_large_plan(seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    people = [_person(rng, "adult") for _ in range(N_ADULTS)] + [_person(rng, "child") for _ in range(N_CHILDREN)]
    child_ids = [p["id"] for p in people if p["role"] == "child"]
    sections: dict[str, Any] = {
        "family": {"name": "Familia Ejemplo (fictional)", "hasPets": False},
        "people": people,
        "contacts": [_contact(rng, child_ids) for _ in range(N_CONTACTS)],
        "care": {"primaryName": _name(rng), "primaryPhone": _phone(rng), "primaryAgreed": True,
                 "alternateName": _name(rng), "alternatePhone": _phone(rng), "alternateAgreed": True,
                 "shortTerm": _words(rng, 2000), "longTerm": _words(rng, 2000), "childrenGo": "stay"},
        "authority": {"docType": "poa48979", "agent": _name(rng), "children": child_ids, "keptAt": "Blue folder",
                      "signedOn": "2025-09-01", "expiresOn": "2026-08-31", "allParentsSigned": True},
        "school": [_school(rng, c) for c in child_ids],
        "medical": [_medical(rng, p["id"]) for p in people],
        "documents": [_document(rng, p["id"]) for p in people],
        "legal": {"attorneyName": _name(rng), "attorneyPhone": _phone(rng), "g28Signed": True,
                  "inProceedings": [people[0]["id"]], "caseNumbers": _words(rng, 300)},
        "finances": {"bankPoa": True, "bank": _words(rng, 1000), "bills": _words(rng, 1000), "emergencyFundAmount": 2500},
        "travel": {"childPassports": False, "notes": _words(rng, 500)},
        "detained": {"childrenSteps": _words(rng, 1500), "caregiverSteps": _words(rng, 3000), "redCards": True},
        "pets": [],
        "meeting": {"neighborhood": "Biblioteca Ejemplo", "outside": "Parque Ejemplo", "outOfTown": "Chicago"},
        "outOfTown": {"name": _name(rng), "phone": _phone(rng), "location": "Chicago, United States", "agreed": True},
        "notes": {"text": _words(rng, 15000)},
        "upkeep": {"nextReview": "2026-03-01", "lastReviewed": "2025-09-01"},
    }
    return {"schemaVersion": 3, "sections": sections,
            "meta": {"createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2025-09-01T00:00:00Z"}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="write here instead of stdout")
    args = parser.parse_args(argv)
    text = json.dumps(make_large_plan(args.seed), ensure_ascii=False, indent=1) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

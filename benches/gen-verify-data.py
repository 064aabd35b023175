#!/usr/bin/env python3
"""Deterministic example payloads for measuring `seam verify` throughput.

    python3 benches/gen-verify-data.py OUT --shape many  [--count 20000] [--kb 2]  [--contracts 100] [--list]
    python3 benches/gen-verify-data.py OUT --shape large [--count 10]    [--kb 5120]
    python3 benches/gen-verify-data.py OUT --shape ndjson [--mb 1024]    [--kb 2]

Writes a seam repository: two systems, CONTRACTS contracts (one schema each: an order with
nested line items, patterns, formats, enums and a `$ref`'d money object) and the example
payloads. `many` and `large` write one JSON file per payload, listed by a producer glob
(`examples/*.json`), or one `file:` entry per payload with `--list` (for seam versions without
producer globs). `ndjson` writes one contract whose payloads are lines of one
`examples/traffic.ndjson` file of about MB megabytes. Every payload is valid. Prints the total
payload bytes, the figure to divide by the wall time.
"""
import argparse
import json
import os
import random

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["event_id", "order_id", "customer_id", "created_at", "status", "total", "lines"],
    "properties": {
        "event_id": {"type": "string", "format": "uuid"},
        "order_id": {"type": "string", "pattern": "^SO-[0-9]{8}$"},
        "customer_id": {"type": "string", "pattern": "^CUST-[0-9]{6}$"},
        "created_at": {"type": "string", "format": "date-time"},
        "status": {"enum": ["open", "released", "blocked", "shipped", "invoiced"]},
        "sales_org": {"type": "string", "pattern": "^[A-Z0-9]{4}$"},
        "note": {"type": "string", "maxLength": 500},
        "total": {"$ref": "#/$defs/money"},
        "ship_to": {
            "type": "object",
            "required": ["name", "city", "country"],
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "street": {"type": "string"},
                "city": {"type": "string"},
                "postal_code": {"type": "string", "pattern": "^[0-9A-Z -]{3,10}$"},
                "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
            },
            "additionalProperties": False,
        },
        "lines": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["line_no", "item_id", "quantity", "price"],
                "properties": {
                    "line_no": {"type": "integer", "minimum": 1},
                    "item_id": {"type": "string", "pattern": "^SKU-[0-9]{6}$"},
                    "description": {"type": "string", "maxLength": 200},
                    "quantity": {"type": "number", "exclusiveMinimum": 0},
                    "unit": {"enum": ["EA", "KG", "L", "M", "PAL"]},
                    "price": {"$ref": "#/$defs/money"},
                    "delivery_date": {"type": "string", "format": "date"},
                },
                "additionalProperties": False,
            },
        },
    },
    "$defs": {
        "money": {
            "type": "object",
            "required": ["amount", "currency"],
            "properties": {
                "amount": {"type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"},
                "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
            },
            "additionalProperties": False,
        }
    },
}

WORDS = "pallet carton express standard delivery north south central hub return goods transfer urgent".split()


def money(rng):
    return {"amount": f"{rng.randint(1, 99999)}.{rng.randint(0, 99):02d}", "currency": rng.choice(["EUR", "CHF", "USD"])}


def line(rng, n):
    return {
        "line_no": n,
        "item_id": f"SKU-{rng.randint(0, 999999):06d}",
        "description": " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8))),
        "quantity": rng.randint(1, 500),
        "unit": rng.choice(["EA", "KG", "L", "M", "PAL"]),
        "price": money(rng),
        "delivery_date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    }


def payload(rng, i, target_bytes):
    p = {
        "event_id": "%08x-%04x-4%03x-8%03x-%012x" % (i, rng.getrandbits(16), rng.getrandbits(12), rng.getrandbits(12), rng.getrandbits(48)),
        "order_id": f"SO-{i % 100000000:08d}",
        "customer_id": f"CUST-{rng.randint(0, 999999):06d}",
        "created_at": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
        "status": rng.choice(["open", "released", "blocked", "shipped", "invoiced"]),
        "sales_org": "DE01",
        "total": money(rng),
        "ship_to": {"name": "Lager Nord", "street": "Hafenstrasse 1", "city": "Hamburg", "postal_code": "20457", "country": "DE"},
        "lines": [],
    }
    size = len(json.dumps(p))
    while size < target_bytes or not p["lines"]:
        item = line(rng, len(p["lines"]) + 1)
        p["lines"].append(item)
        size += len(json.dumps(item)) + 2
    return p


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--shape", choices=["many", "large", "ndjson"], required=True)
    ap.add_argument("--count", type=int)
    ap.add_argument("--kb", type=int)
    ap.add_argument("--mb", type=int, default=1024)
    ap.add_argument("--contracts", type=int)
    ap.add_argument("--list", action="store_true", help="one `file:` entry per payload instead of a glob")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    count = a.count or {"many": 20000, "large": 10, "ndjson": 0}[a.shape]
    kb = a.kb or {"many": 2, "large": 5120, "ndjson": 2}[a.shape]
    contracts = a.contracts or {"many": 100, "large": 10, "ndjson": 1}[a.shape]
    rng = random.Random(a.seed)
    out = a.out
    write(f"{out}/seam.yaml", "version: 1\nname: verify-bench\n")
    write(f"{out}/systems/erp.yaml", "id: erp\nname: ERP\nowner: erp-team\n")
    write(f"{out}/systems/wms.yaml", "id: wms\nname: WMS\nowner: wms-team\n")
    schema = json.dumps(SCHEMA, indent=2) + "\n"
    total = 0
    per_contract = [count // contracts + (1 if c < count % contracts else 0) for c in range(contracts)]
    serial = 0
    for c in range(contracts):
        cid = f"sales.order-{c:05d}"
        base = f"{out}/contracts/{cid}"
        write(f"{base}/schemas/1.0.0.json", schema)
        files = []
        if a.shape == "ndjson":
            os.makedirs(f"{base}/examples", exist_ok=True)
            with open(f"{base}/examples/traffic.ndjson", "w", encoding="utf-8") as f:
                while total < a.mb * 1024 * 1024:
                    text = json.dumps(payload(rng, serial, kb * 1024), separators=(",", ":")) + "\n"
                    serial += 1
                    f.write(text)
                    total += len(text.encode("utf-8"))
            files.append("examples/traffic.ndjson")
        else:
            for _ in range(per_contract[c]):
                text = json.dumps(payload(rng, serial, kb * 1024), indent=1) + "\n"
                name = f"examples/p{serial:06d}.json"
                serial += 1
                write(f"{base}/{name}", text)
                total += len(text.encode("utf-8"))
                files.append(name)
        if a.list or a.shape == "ndjson":
            listed = "".join(f"  - file: {f}\n" for f in files)
        else:
            listed = "  - file: examples/*.json\n"
        write(
            f"{base}/contract.yaml",
            f"id: {cid}\ntitle: Order {c}\npattern: event\nproducer: erp\nowner: erp-team\n"
            f"delivery:\n  idempotency_key: /event_id\nversions:\n  1.0.0: {{}}\nexamples:\n{listed}",
        )
    print(f"{serial} payloads, {total} bytes ({total / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()

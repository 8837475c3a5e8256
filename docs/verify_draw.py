#!/usr/bin/env python3
"""Independent re-computation of a 双随机 draw (algorithm shuffle-sha256-v1).

Usage: python3 verify_draw.py 双随机抽取_N.json
The JSON is what the portal's draw page downloads ("下载复核数据"). The script rebuilds the canonical
inputs, checks the input digest, re-runs the draw from the seed and compares it with the published result.
Only the Python standard library is used.
"""
import hashlib
import json
import sys
from decimal import Decimal, ROUND_CEILING

VERSION = "shuffle-sha256-v1"


def ratio_text(r: Decimal) -> str:
    text = format(r.quantize(Decimal("0.0001")), "f").rstrip("0").rstrip(".")
    return text or "0"


def clean(s: str) -> str:
    return s.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def canonical_text(ratio, per_entity, entities, inspectors, recusals):
    lines = [VERSION, f"ratio={ratio_text(ratio)}", f"inspectors-per-entity={per_entity}"]
    lines += [f"E\t{clean(e['key'])}\t{clean(e['carrierCode'])}\t{clean(e['name'])}" for e in entities]
    lines += [f"I\t{clean(i)}" for i in inspectors]
    lines += [f"R\t{clean(u)}\t{clean(c)}" for u, c in recusals]
    return "".join(line + "\n" for line in lines)


class WordStream:
    """SHA-256(key ‖ counter as 8-byte big-endian), four 64-bit big-endian words per block."""

    def __init__(self, key: bytes):
        self.key, self.counter, self.words = key, 0, []

    def next(self) -> int:
        if not self.words:
            block = hashlib.sha256(self.key + self.counter.to_bytes(8, "big")).digest()
            self.counter += 1
            self.words = [int.from_bytes(block[i:i + 8], "big") for i in range(0, 32, 8)]
        return self.words.pop(0)

    def below(self, n: int) -> int:
        rem = (1 << 64) % n
        while True:
            w = self.next()
            if rem == 0 or w < (1 << 64) - rem:
                return w % n


def shuffle(items, stream):
    for i in range(len(items) - 1, 0, -1):
        j = stream.below(i + 1)
        items[i], items[j] = items[j], items[i]


def run(seed, ratio, per_entity, entities, inspectors, recusals):
    entities = sorted(entities, key=lambda e: e["key"])
    inspectors = sorted(inspectors)
    recusals = sorted(set(recusals))
    text = canonical_text(ratio, per_entity, entities, inspectors, recusals)
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    stream = WordStream(hashlib.sha256(seed.encode("utf-8")).digest() + digest)
    order = list(entities)
    shuffle(order, stream)
    count = int((ratio * len(order)).to_integral_value(rounding=ROUND_CEILING))
    load = {u: 0 for u in inspectors}
    picks = []
    for n in range(count):
        entity = order[n]
        excluded = {u for u, c in recusals if c == entity["carrierCode"]}
        eligible = [u for u in inspectors if u not in excluded]
        shuffle(eligible, stream)
        chosen = sorted(eligible, key=lambda u: load[u])[:per_entity]  # sorted() is stable
        for u in chosen:
            load[u] += 1
        picks.append({"order": n + 1, "entityKey": entity["key"], "inspectors": chosen})
    return digest.hex(), picks


def main(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    if d["algorithm"] != VERSION:
        sys.exit(f"unsupported algorithm {d['algorithm']}")
    p = d["parameters"]
    digest, picks = run(d["seed"], Decimal(str(p["samplingRatio"])), p["inspectorsPerEntity"], d["entities"],
                        [i["userName"] for i in d["inspectors"]], [(r["userName"], r["carrierCode"]) for r in d["recusals"]])
    ok_digest = digest == d["inputDigest"]
    ok_result = picks == d["result"]
    print(f"input digest {'matches' if ok_digest else 'DIFFERS'}: {digest}")
    print(f"result {'matches' if ok_result else 'DIFFERS'} ({len(picks)} picks)")
    sys.exit(0 if ok_digest and ok_result else 1)


if __name__ == "__main__":
    main(sys.argv[1])

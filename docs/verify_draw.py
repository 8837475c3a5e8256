#!/usr/bin/env python3
"""Independent re-computation of a 双随机 draw (algorithms shuffle-sha256-v1 and weighted-sha256-v1).

Usage: python3 verify_draw.py 双随机抽取_N.json
The JSON is what the portal's draw page downloads ("下载复核数据"). The script rebuilds the canonical
inputs, checks the input digest, re-runs the draw from the seed and compares it with the published result.
For a risk-weighted draw it also recomputes every entity's weight from its risk data and the formula.
Only the Python standard library is used.
"""
import hashlib
import json
import sys
from decimal import Decimal, ROUND_CEILING

VERSION = "shuffle-sha256-v1"
WEIGHTED = "weighted-sha256-v1"


def ratio_text(r: Decimal, places: str = "0.0001") -> str:
    text = format(Decimal(r).quantize(Decimal(places)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def num(d) -> str:
    """A weight or points as the canonical text writes them: at most two decimals, no trailing zeros."""
    return ratio_text(Decimal(d), "0.01")


def weight_of(formula, risk) -> Decimal:
    """Σ points × min(units, cap) over the formula's factors."""
    return sum((Decimal(t["points"]) * min(max(int(risk.get(t["code"], 0)), 0), int(t["cap"])) for t in formula), Decimal(0))


def clean(s: str) -> str:
    return s.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def canonical_text(ratio, per_entity, entities, inspectors, recusals, formula=None):
    lines = [WEIGHTED if formula is not None else VERSION, f"ratio={ratio_text(ratio)}", f"inspectors-per-entity={per_entity}"]
    if formula is None:
        lines += [f"E\t{clean(e['key'])}\t{clean(e['carrierCode'])}\t{clean(e['name'])}" for e in entities]
    else:
        lines += [f"F\t{clean(t['code'])}\t{num(t['points'])}\t{int(t['cap'])}" for t in formula]
        lines += [f"E\t{clean(e['key'])}\t{clean(e['carrierCode'])}\t{clean(e['name'])}\t{num(e['weight'])}\t"
                  + ",".join(f"{clean(t['code'])}={int(e['risk'].get(t['code'], 0))}" for t in formula) for e in entities]
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


def weighted_order(entities, count, stream):
    """Successive sampling without replacement: r = uniform(Σ hundredths left); the first entity left (key order)
    whose running sum exceeds r. A plain walk; the portal finds the same entity with a Fenwick tree."""
    left = [(e, int(Decimal(e["weight"]) * 100)) for e in entities]
    picks = []
    for _ in range(count):
        r = stream.below(sum(u for _, u in left))
        i = 0
        while r >= left[i][1]:
            r -= left[i][1]
            i += 1
        picks.append(left.pop(i)[0])
    return picks


def run(seed, ratio, per_entity, entities, inspectors, recusals, formula=None):
    entities = sorted(entities, key=lambda e: e["key"].encode("utf-16-be"))
    inspectors = sorted(inspectors, key=lambda u: u.encode("utf-16-be"))
    recusals = sorted(set(recusals), key=lambda r: (r[0].encode("utf-16-be"), r[1].encode("utf-16-be")))
    if formula is not None:
        formula = sorted(formula, key=lambda t: t["code"].encode("utf-16-be"))
    text = canonical_text(ratio, per_entity, entities, inspectors, recusals, formula)
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    stream = WordStream(hashlib.sha256(seed.encode("utf-8")).digest() + digest)
    count = int((ratio * len(entities)).to_integral_value(rounding=ROUND_CEILING))
    if formula is None:
        order = list(entities)
        shuffle(order, stream)
    else:
        order = weighted_order(entities, count, stream)
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
        d = json.load(f, parse_float=Decimal)  # weights and ratios are exact decimals, never binary floats
    if d["algorithm"] not in (VERSION, WEIGHTED):
        sys.exit(f"unsupported algorithm {d['algorithm']}")
    formula = d.get("riskFormula") if d["algorithm"] == WEIGHTED else None
    if d["algorithm"] == WEIGHTED and not formula:
        sys.exit("a weighted draw without its riskFormula")
    ok_weights = True
    if formula is not None:
        wrong = [e["key"] for e in d["entities"] if weight_of(formula, e["risk"]) != Decimal(e["weight"])]
        ok_weights = not wrong
        print(f"weights {'match' if ok_weights else 'DIFFER'} the formula ({len(d['entities'])} entities"
              + (f"; differing: {', '.join(wrong[:5])}" if wrong else "") + ")")
    p = d["parameters"]
    digest, picks = run(d["seed"], Decimal(str(p["samplingRatio"])), p["inspectorsPerEntity"], d["entities"],
                        [i["userName"] for i in d["inspectors"]], [(r["userName"], r["carrierCode"]) for r in d["recusals"]], formula)
    ok_digest = digest == d["inputDigest"]
    ok_result = picks == d["result"]
    print(f"input digest {'matches' if ok_digest else 'DIFFERS'}: {digest}")
    print(f"result {'matches' if ok_result else 'DIFFERS'} ({len(picks)} picks)")
    sys.exit(0 if ok_weights and ok_digest and ok_result else 1)


if __name__ == "__main__":
    main(sys.argv[1])

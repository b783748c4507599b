"""Redaction quality and speed (issue 11, Art. 11(8), 31): precision and recall of publicity's
redaction step over the test corpus (tests/unit/redaction_corpus.py), and its throughput.

Recall: required personal data (names, IDs, phones, plates, addresses, police numbers, cards)
that no longer appear in the redacted text / all required data. Precision: replacements that
cover personal data / all replacements (a replacement in an ordinary sentence is a false one).
Pure Python: no database, broker or service. Exits non-zero when recall is below 1.0.
Usage: .venv/bin/python bench/redaction_quality.py [--rounds 20] [--show]
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from publicity.domain.redaction import redact  # noqa: E402

from tests.unit import redaction_corpus as corpus  # noqa: E402
from tests.unit.helpers_redaction import known_of, score  # noqa: E402


def throughput(rounds):
    items = [(t, known_of(k)) for t, k, _ in corpus.personal()]
    items += [(t, known_of({})) for t, _ in corpus.ORDINARY]
    chars = sum(len(t) for t, _ in items) * rounds
    started = time.perf_counter()
    for _ in range(rounds):
        for text, known in items:
            redact(text, known)
    took = time.perf_counter() - started
    return len(items) * rounds / took, chars / took


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--show", action="store_true", help="print misses and false hits")
    args = parser.parse_args()
    s = score()
    print(f"corpus: {s['personal']} personal sentences, {s['ordinary']} ordinary sentences")
    print(f"recall:    {s['recall']:.4f}  ({s['found']} of {s['found'] + s['missed']} "
          f"required data redacted)")
    print(f"precision: {s['precision']:.4f}  ({s['true_pos']} of {s['true_pos'] + s['false_pos']} "
          f"replacements were personal data)")
    per_s, chars_s = throughput(args.rounds)
    print(f"throughput: {per_s:,.0f} sentences/s, {chars_s:,.0f} characters/s "
          f"({args.rounds} rounds)")
    if args.show:
        for text, datum, out in s["misses"]:
            print("MISS", datum, "|", text, "->", out)
        for text, original in s["false_hits"]:
            print("FALSE", original, "|", text)
    return 0 if s["missed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

"""Scoring of the redaction corpus, shared by the unit tests and bench/redaction_quality.py."""
from publicity.domain.redaction import Known, Person, redact

from tests.unit import redaction_corpus as corpus


def known_of(spec):
    people = tuple(Person(n, role, pid) for n, role, pid in spec.get("people", ()))
    return Known(people=people, **{k: v for k, v in spec.items() if k != "people"})


def spans_of(text, strings):
    """Every occurrence of every required string, as (start, end) in the original text."""
    spans = []
    for s in strings:
        at = text.find(s)
        while at >= 0:
            spans.append((at, at + len(s)))
            at = text.find(s, at + 1)
    return spans


def score():
    """Counts over the corpus: required data found/missed, findings true/false, mangled
    ordinary sentences, and the failing examples."""
    found = missed = true_pos = false_pos = 0
    misses, false_hits = [], []
    for text, spec, must in corpus.personal():
        result = redact(text, known_of(spec))
        required = spans_of(text, must)
        for s in must:
            if s in result.text:
                missed += 1
                misses.append((text, s, result.text))
            else:
                found += 1
        for f in result.findings:
            if any(f.start < e and s < f.end for s, e in required):
                true_pos += 1
            else:
                false_pos += 1
                false_hits.append((text, f.original))
    for text, names in corpus.ORDINARY:
        result = redact(text, known_of(dict(people=tuple((n, "other", None) for n in names))))
        false_pos += len(result.findings)
        false_hits += [(text, f.original) for f in result.findings]
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = found / (found + missed) if found + missed else 1.0
    return dict(precision=precision, recall=recall, found=found, missed=missed,
                true_pos=true_pos, false_pos=false_pos, misses=misses, false_hits=false_hits,
                personal=len(corpus.personal()), ordinary=len(corpus.ORDINARY))

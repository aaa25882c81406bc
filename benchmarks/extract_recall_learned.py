"""A learned metric for the numbers no wording rule reads: tried in round 14, not shipped.

Almost every figure the rules miss is a number `find_numbers` found, did not set aside as a
date, an age or money, and to which `read_metrics` gave no metric. For such a number a
multinomial logistic regression over named word features (the words around it, its sentence,
the event cues near it), trained on the labelled real evaluation set by
benchmarks/extract_recall_model.py (numpy, at training time only), gives a probability to each
metric and to `none`; where a metric is the top class with a probability of at least the model's
threshold, the number is drafted with it by the rules' own machinery (claimant, area, period).

Measured leave-one-part-out it gained 6 right figures of 1,986 and added one false alarm to the
self-written regression set, so it lives here, beside its training script (docs/extract.md,
"Round 14"). Pure Python, so that it could move into the package without numpy at run time. A
weights file that is missing or unreadable is refused (`ModelError`).
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hfig.extract.metrics import events_in
from hfig.extract.numbers import NumberMention

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_learned import class_probabilities, unflatten_weights, window_features  # round 6's, shared

WEIGHTS = Path(__file__).with_name("extract_recall_model.json.gz")  # written only with --write
NONE = "none"  # the class of a number that is no figure hfig counts
FORMAT = 1  # the weights file's layout; a file of another layout is refused
KIND = "recall"  # (round 6's model of the same layout revised drafts: not this one)


class ModelError(ValueError):
    """A weights file that cannot be used."""


_NEAR = 80  # characters each side of the number for the nearest event cue


def _bucket(n: float, edges: Sequence[float]) -> int:
    return sum(n >= e for e in edges)


def features(folded: str, lowered: str, n: NumberMention, sentence: tuple[int, int]) -> list[str]:
    """The named features of one number: `lowered` is `folded` in lower case (same offsets).

    The word features are round 6's (benchmarks/extract_learned.py) without the rules' reading."""
    fs, fe = n.start, n.end
    ss, se = sentence
    if not ss <= fs <= se:
        ss, se = fs, fe
    grams, rest, _, _ = window_features(lowered, (fs, fe), (ss, se))
    out = ["bias", *grams, *rest]
    cues = events_in(folded, ss, se)
    out += sorted({"E:" + c.kind for c in cues})
    near_before = [c for c in cues if c.end <= fs and fs - c.end <= _NEAR]
    near_after = [c for c in cues if c.start >= fe and c.start - fe <= _NEAR]
    out.append("Eb:" + (near_before[-1].kind if near_before else "-"))
    out.append("Ea:" + (near_after[0].kind if near_after else "-"))
    if isinstance(n.value, str):
        out.append("mag:vague")
    else:
        out.append(f"mag:{_bucket(float(n.value), (2, 10, 100, 1000, 10000, 100000))}")
    out.append("pct:" + str(bool(n.percent)))
    out.append("words:" + str(bool(n.from_words)))
    return out


def candidate(n: NumberMention) -> bool:
    """Whether a number the rules gave no metric is the model's to read."""
    return n.skip is None and n.text.lower() not in ("a", "an")


@dataclass(frozen=True)
class RecallModel:
    """Weights of a multinomial logistic regression over named features, and its threshold."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, Sequence[tuple[int, float]]]  # feature -> (class index, weight) pairs
    threshold: float = 0.6  # draft a metric that is the top class with at least this probability

    def probabilities(self, names: Sequence[str], allowed: set[str] | None = None) -> dict[str, float]:
        return class_probabilities(self.classes, self.bias, self.weights, names, allowed)

    def choose(self, names: Sequence[str], known: set[str]) -> tuple[str, float] | None:
        """The metric to draft and its probability, or None (`none` is likelier, or no metric is
        sure enough). `known`: the metrics that may be drafted."""
        allowed = (known & set(self.classes)) | {NONE}
        p = self.probabilities(names, allowed)
        best = max(sorted(p), key=lambda c: p[c])
        if best == NONE or p[best] < self.threshold:
            return None
        return best, p[best]

    @classmethod
    def from_json(cls, data: Any) -> RecallModel:
        if not isinstance(data, Mapping):
            raise ModelError("the weights are not a JSON object")
        if data.get("format") != FORMAT or data.get("kind") != KIND:
            raise ModelError(
                f"weights of format {data.get('format')!r} and kind {data.get('kind')!r}, "
                f"expected {FORMAT} and {KIND!r}"
            )
        try:
            classes = tuple(str(c) for c in data["classes"])
            bias = tuple(float(b) for b in data["bias"])
            threshold = float(data["threshold"])
            scale = float(data.get("scale", 1000))
            weights = unflatten_weights(data["weights"], len(classes), scale, ModelError)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
            if isinstance(e, ModelError):
                raise
            raise ModelError(f"the weights are malformed: {e!r}") from None
        if len(bias) != len(classes) or NONE not in classes:
            raise ModelError("the weights' classes and biases do not match")
        if not 0.0 < threshold <= 1.0:
            raise ModelError(f"threshold {threshold} is not a probability")
        return cls(classes, bias, weights, threshold)

    def to_json(self) -> dict[str, Any]:
        scale = 1000
        return {
            "format": FORMAT,
            "kind": KIND,
            "classes": list(self.classes),
            "bias": [round(b, 4) for b in self.bias],
            "threshold": self.threshold,
            "scale": scale,
            "weights": {
                name: [x for k, w in pairs for x in (k, round(w * scale))]
                for name, pairs in sorted(self.weights.items())
            },
        }


def load(path: Path) -> RecallModel:
    """The model in a gzipped JSON weights file; `ModelError` if it is missing or unreadable."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise ModelError(f"{path}: no such weights file") from None
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as e:
        raise ModelError(f"{path}: not a gzipped JSON weights file ({e})") from None
    try:
        return RecallModel.from_json(data)
    except ModelError as e:
        raise ModelError(f"{path}: {e}") from None

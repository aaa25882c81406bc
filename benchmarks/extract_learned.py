"""A learned second opinion on each draft's metric: tried in round 6, not shipped (docs/extract.md).

The rules read a figure's metric from its clause; on text unlike the text they were written
for they often read the wrong noun or a stock as a flow, or draft a number that is no figure.
A multinomial logistic regression, trained on the real evaluation set's labels
(benchmarks/extract_model.py), reads the words around each draft, the rules' own metric and
qualifier, and says which metric the figure is, or "none". Where it is sure and disagrees, the
draft's metric is replaced (and the draft says so under `inferred`), or the draft is dropped.

Measured leave-one-part-out the model did not help on any part, so it lives here, beside the
script that trains and measures it, and `hfig extract` is the rules alone. Pure Python, so that
a model that one day pays could move into the package without numpy at run time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace

from hfig.core.model import Metric, MetricKind

if TYPE_CHECKING:
    from hfig.extract.extract import DraftClaim

WEIGHTS = Path(__file__).with_name("extract_metric_model.json.gz")  # written only with --write
NONE = "none"  # the class of a draft that is no figure hfig counts
FORMAT = 1  # the weights file's layout; a file of another layout is not used

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d[\d,.]*|[^\sa-z\d]")
_WINDOW = 160  # characters each side of the figure that its word features are read from
_BEFORE, _AFTER = 6, 8  # words before and after the figure in the bag-of-words features
_CONTEXT = 600  # characters before the sentence read for the words of what the text is about
# what the text around a figure is about: who (civilians or everyone), stock or flow, harm or service
_CONTEXT_WORDS = re.compile(
    r"\b(civilian|idps?|internally|displace|refugee|return|camp|fled|flee|since|currently|remain|total|"
    r"cumulative|new|week|day|hours|month|attack|health|hospital|school|aid|combatant|soldier|fighter|"
    r"military|army|injur|wound|kill|dead|death|casualt|missing|detain|arrest|hous|home|children|women)",
)


def _tokens(s: str) -> list[str]:
    return ["<n>" if t[0].isdigit() else t for t in _TOKEN.findall(s)]


def _bucket(n: int, edges: Sequence[int]) -> int:
    return sum(n >= e for e in edges)


def window_features(
    lowered: str, figure: tuple[int, int], sentence: tuple[int, int]
) -> tuple[list[str], list[str], str, str]:
    """The word features of a number, read from `lowered` (the text in lower case): the words next
    to it and their pairs; the bags of words around it and in its sentence, and the sentence's
    shape; and the one word just before and just after it. Round 14's model of the numbers the rules
    leave (benchmarks/extract_recall_learned.py) reads the same."""
    fs, fe = figure
    ss, se = sentence
    if not ss <= fs <= se:
        ss, se = fs, fe
    before = _tokens(lowered[max(ss, fs - _WINDOW) : fs])
    after = _tokens(lowered[fe : min(se, fe + _WINDOW)])
    whole = _tokens(lowered[ss:se])
    b = before[-_BEFORE:]
    a = after[:_AFTER]
    b1 = b[-1] if b else "<s>"
    b2 = b[-2] if len(b) > 1 else "<s>"
    a1 = a[0] if a else "</s>"
    a2 = a[1] if len(a) > 1 else "</s>"
    a3 = a[2] if len(a) > 2 else "</s>"
    grams = [
        "b1:" + b1,
        "b2:" + b2,
        "b21:" + b2 + "_" + b1,
        "a1:" + a1,
        "a2:" + a2,
        "a3:" + a3,
        "a12:" + a1 + "_" + a2,
        "a23:" + a2 + "_" + a3,
    ]
    rest = sorted({"B:" + w for w in b} | {"A:" + w for w in a} | {"S:" + w for w in whole if w.isalpha()})
    numbers = sum(t == "<n>" for t in whole)
    rest.append(f"nums:{_bucket(numbers, (2, 3, 5, 9))}")
    rest.append(f"len:{_bucket(len(whole), (8, 16, 32, 64))}")
    line_start = lowered.rfind("\n", 0, fs) + 1
    rest.append("linestart:" + str(not lowered[line_start:fs].strip(" \t-*\u2022:|")))
    rest.append("colon:" + str(lowered[max(ss, fs - 3) : fs].strip().endswith(":")))
    rest.append("head:" + str(ss == 0 or lowered[ss:se].rstrip()[-1:] not in ".!?\"')"))
    rest += sorted({"C:" + m for m in _CONTEXT_WORDS.findall(lowered, max(0, ss - _CONTEXT), ss)})
    rest.append("doc-civilian:" + str(lowered.find("civilian", 0, ss) >= 0))
    return grams, rest, b1, a1


def features(
    lowered: str, figure: tuple[int, int], sentence: tuple[int, int], rule: Mapping[str, Any]
) -> list[str]:
    """The named features of one draft: `lowered` is the text in lower case (same offsets),
    `rule` the rules' reading (metric, qualifier, subset, part_of)."""
    grams, rest, b1, a1 = window_features(lowered, figure, sentence)
    metric = str(rule.get("metric"))
    return [
        "bias",
        "r:" + metric,
        "q:" + str(rule.get("qualifier")),
        "sub:" + str(bool(rule.get("subset"))),
        "part:" + str(bool(rule.get("part_of"))),
        *grams,
        "r|a1:" + metric + "|" + a1,
        "r|b1:" + metric + "|" + b1,
        *rest,
    ]


def unflatten_weights(
    stored: Mapping[str, Sequence[float]], classes: int, scale: float, error: type[ValueError] = ValueError
) -> dict[str, list[tuple[int, float]]]:
    """The weights as a weights file stores them (feature -> flat [class, weight, class, weight,
    ...], weights scaled by `scale`) as (class index, weight) pairs; `error` when a feature names a
    class that is not there. Shared by round 6's and round 14's models."""
    weights: dict[str, list[tuple[int, float]]] = {}
    for name, flat in stored.items():
        pairs = [(int(flat[i]), flat[i + 1] / scale) for i in range(0, len(flat), 2)]
        if any(not 0 <= k < classes for k, _ in pairs):
            raise error(f"feature {name!r} names a class that is not there")
        weights[str(name)] = pairs
    return weights


def class_probabilities(
    classes: Sequence[str],
    bias: Sequence[float],
    weights: Mapping[str, Sequence[tuple[int, float]]],
    names: Sequence[str],
    allowed: set[str] | None = None,
) -> dict[str, float]:
    """A multinomial logistic regression's probabilities over `classes` (or the `allowed` ones) for
    the named features, summed in their order so that the same names give the same numbers; shared
    by round 6's and round 14's models."""
    scores = list(bias)
    for name in names:
        for k, w in weights.get(name, ()):
            scores[k] += w
    pairs = [(c, s) for c, s in zip(classes, scores, strict=True) if allowed is None or c in allowed]
    top = max(s for _, s in pairs)
    exp = [(c, math.exp(s - top)) for c, s in pairs]
    total = sum(e for _, e in exp)
    return {c: e / total for c, e in exp}


@dataclass(frozen=True)
class MetricModel:
    """Weights of a multinomial logistic regression over named features."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, Sequence[tuple[int, float]]]  # feature -> (class index, weight) pairs
    override: float = 0.6  # replace the rules' metric when the model's is at least this likely
    drop: float = 0.8  # drop a draft that is no figure at least this likely

    def probabilities(self, names: Sequence[str], allowed: set[str] | None = None) -> dict[str, float]:
        return class_probabilities(self.classes, self.bias, self.weights, names, allowed)

    def judge(self, p: Mapping[str, float], rule: str) -> str | None:
        """The metric to draft, given the model's probabilities and the rules' metric; None: drop."""
        best = max(sorted(p), key=lambda c: p[c])
        if best == NONE:
            return None if p[best] >= self.drop else rule
        return best if p[best] >= self.override else rule

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MetricModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"weights of format {data.get('format')!r}, expected {FORMAT}")
        classes = tuple(str(c) for c in data["classes"])
        bias = tuple(float(b) for b in data["bias"])
        if len(bias) != len(classes) or NONE not in classes:
            raise ValueError("the weights' classes and biases do not match")
        # stored as feature -> flat [class, weight, class, weight, ...] with weights scaled by 1000
        scale = float(data.get("scale", 1000))
        weights = unflatten_weights(data["weights"], len(classes), scale)
        return cls(
            classes,
            bias,
            weights,
            float(data.get("override", 0.6)),
            float(data.get("drop", 0.8)),
        )

    def to_json(self) -> dict[str, Any]:
        scale = 1000
        return {
            "format": FORMAT,
            "classes": list(self.classes),
            "bias": [round(b, 4) for b in self.bias],
            "override": self.override,
            "drop": self.drop,
            "scale": scale,
            "weights": {
                name: [x for k, w in pairs for x in (k, round(w * scale))]
                for name, pairs in sorted(self.weights.items())
            },
        }


_LOADED: dict[Path, MetricModel | None] = {}


def load_model(path: Path | None = None) -> MetricModel | None:
    """The model in `path` (default: the bundled weights), read once; None when the file is
    missing or unreadable, and the rules' drafts stand."""
    path = WEIGHTS if path is None else path
    if path not in _LOADED:
        import gzip
        import json

        try:
            with gzip.open(path, "rt", encoding="utf-8") as f:
                _LOADED[path] = MetricModel.from_json(json.load(f))
        except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            _LOADED[path] = None
    return _LOADED[path]


def rule_reading(d: DraftClaim) -> dict[str, Any]:
    """What the rules said of a draft, as the features read it."""
    return {
        "metric": d.metric,
        "qualifier": d.qualifier.value,
        "subset": d.subset,
        "part_of": d.part_of,
    }


def draft_features(lowered: str, d: DraftClaim) -> list[str]:
    return features(lowered, d.figure, d.sentence, rule_reading(d))


def revise(
    model: MetricModel,
    text: str,
    drafts: Sequence[DraftClaim],
    metrics: Mapping[str, Metric],
    known: set[str],
) -> list[DraftClaim]:
    """The drafts with the model's metric where it is sure the rules' is wrong, without the
    drafts it is sure are no figure. `known` are the metrics that may be drafted."""
    lowered = text.lower()
    if len(lowered) != len(text):  # (lowering moved offsets: a rare letter; read the text as it is)
        lowered = text
    allowed = (known & set(model.classes)) | {NONE}
    out = []
    for d in drafts:
        p = model.probabilities(draft_features(lowered, d), allowed)
        metric = model.judge(p, d.metric)
        if metric is None:
            continue
        out.append(d if metric == d.metric else with_metric(d, metric, p[metric], metrics))
    return out


def with_metric(d: DraftClaim, metric: str, p: float, metrics: Mapping[str, Metric]) -> DraftClaim:
    why = f"a learned model read {metric} (probability {p:.2f}); the rules read {d.metric}"
    period = d.period
    new = metrics.get(metric)
    if new is not None and new.kind is MetricKind.STOCK and period is not None and period.start is not None:
        # a stock stands at a date: the period's end, if any
        period = replace(period, start=None) if period.end is not None else None
    return replace(
        d,
        metric=metric,
        period=period,
        confidence=round(max(0.05, d.confidence - 0.05), 2),
        reasons=(*d.reasons, "metric: from a learned model, not the rules"),
        inferred=(*[(k, v) for k, v in d.inferred if k != "metric"], ("metric", why)),
    )

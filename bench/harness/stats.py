"""Order statistics and ratios. Samples are plain lists of numbers."""

import math


def percentile(samples, p):
    """The p-th percentile (0-100) by the nearest-rank method; None for no samples."""
    if not samples:
        return None
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def median(samples):
    if not samples:
        return None
    ordered = sorted(samples)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def ratio(ours, theirs, higher_is_better):
    """How many times better ours is than theirs (>1 means better); None when unknown."""
    if ours is None or theirs is None or ours == 0 or theirs == 0:
        return None
    return ours / theirs if higher_is_better else theirs / ours


def alternate(subjects, rounds):
    """A B A B ... order: every subject once per round, so drift hits all of them alike."""
    for round_index in range(rounds):
        for subject in subjects:
            yield round_index, subject

"""jieba's part-of-speech Viterbi, over the transitions that exist only.

jieba.posseg tags the runs of characters its dictionary lacks (names, mostly) with a Viterbi
over 256 (position, tag) states, and for every state it takes the best of all the previous
states, although a state is reached from a few of them only (the rest have no transition:
-inf). Here each state looks at the previous states that reach it. The sums are the same
expressions in the same order and ties go to the larger state as in jieba, so the tags are
identical (a test runs both on the windows the extractors tag and on random text). The two
cases the sparse step cannot settle (no state of the character reachable; only impossible paths
into a state) take jieba's own step.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

MIN_FLOAT = -3.14e100  # jieba's score of a character a state never emits
MIN_INF = float("-inf")

State = tuple[str, str]
Transitions = Mapping[State, Mapping[State, float]]

_predecessors: dict[int, tuple[Transitions, dict[State, dict[State, float]]]] = {}


def _into(trans_p: Transitions) -> dict[State, dict[State, float]]:
    """For each state, the states with a transition into it and its log probability (built
    once per transition table)."""
    cached = _predecessors.get(id(trans_p))
    if cached is not None and cached[0] is trans_p:
        return cached[1]
    into: dict[State, dict[State, float]] = {y: {} for y in trans_p}
    for y0, outs in trans_p.items():
        for y, p in outs.items():
            into.setdefault(y, {})[y0] = p
    _predecessors[id(trans_p)] = (trans_p, into)
    return into


def viterbi(
    obs: str,
    states: Mapping[str, Collection[State]],
    start_p: Mapping[State, float],
    trans_p: Transitions,
    emit_p: Mapping[State, Mapping[str, float]],
) -> tuple[float, list[State]]:
    """jieba.posseg.viterbi's result: the best path's log probability and its states."""
    into = _into(trans_p)
    all_states = trans_p.keys()
    V: list[dict[State, float]] = [{}]
    mem_path: list[dict[State, Any]] = [{}]
    for y in states.get(obs[0], all_states):
        V[0][y] = start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT)
        mem_path[0][y] = ""
    for t in range(1, len(obs)):
        prev, char = V[t - 1], obs[t]
        prev_keys = prev.keys()
        now: dict[State, float] = {}
        path: dict[State, State] = {}
        for y in states.get(char, all_states):
            into_y = into[y]
            common = into_y.keys() & prev_keys
            if common:  # a state no previous one reaches is left out, as jieba leaves it out
                emit = emit_p[y].get(char, MIN_FLOAT)
                now[y], path[y] = max((prev[y0] + into_y[y0] + emit, y0) for y0 in common)
        if not now or MIN_INF in now.values():
            now, path = _dense_step(prev, states.get(char, all_states), char, trans_p, emit_p)
        V.append(now)
        mem_path.append(path)
    prob, state = max((V[-1][y], y) for y in mem_path[-1])
    route: list[State] = [("", "")] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = mem_path[i][state]
    return prob, route


def _dense_step(
    prev: dict[State, float],
    char_states: Collection[State],
    char: str,
    trans_p: Transitions,
    emit_p: Mapping[State, Mapping[str, float]],
) -> tuple[dict[State, float], dict[State, State]]:
    """One step exactly as jieba takes it: every previous state against every state."""
    prev_states = [x for x in prev if trans_p[x]]
    expect_next = {y for x in prev_states for y in trans_p[x]}
    obs_states = set(char_states) & expect_next or expect_next or set(trans_p)
    now, path = {}, {}
    for y in obs_states:
        emit = emit_p[y].get(char, MIN_FLOAT)
        now[y], path[y] = max(
            (prev[y0] + trans_p[y0].get(y, MIN_INF) + emit, y0) for y0 in prev_states
        )
    return now, path

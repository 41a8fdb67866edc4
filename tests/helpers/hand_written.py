"""A session file as a person writes it by hand: comments above, beside and between
blocks, flow and block dosages. Saving a change to it must keep all of that."""

from __future__ import annotations

HAND_WRITTEN = """\
# My morning routine, written by hand.
version: 2
kind: session
id: my-morning
title: My morning   # short and sweet
blocks:
  # the easy one first
  - exercise: clamshell
    dosage: {sets: 2, reps: 10}   # from the physio
  - note: Breathe out as you lift.
  - exercise: glute-bridge
    dosage:
      sets: 3
      reps: 12   # twelve, not more
"""

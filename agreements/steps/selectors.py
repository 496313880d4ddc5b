"""Reads of a working file's content that several features share: the SRE's open observations per step."""

from __future__ import annotations

from collections import defaultdict

from agreements.models import Observation, WorkingFile
from agreements.steps.registry import STEPS

State = WorkingFile.State


def open_observations_by_step(working_file: WorkingFile) -> dict[str, list[Observation]]:
    """Sent, unanswered observations per wizard step (one query; none unless the SRE asked for changes)."""
    grouped: dict[str, list[Observation]] = defaultdict(list)
    if working_file.state != State.OBSERVATIONS:
        return grouped
    order = {step.name: step.number for step in STEPS}
    found = working_file.observations.open()
    for observation in sorted(found, key=lambda o: (order.get(o.step, 99), o.pk)):
        grouped[observation.step].append(observation)
    return grouped


def open_observations(working_file: WorkingFile) -> list[Observation]:
    """Sent and unanswered, in the wizard's step order."""
    return [o for found in open_observations_by_step(working_file).values() for o in found]

"""Hypothesis profiles: a fast default, and a thorough one for `make fuzz`.

Choose with TIMELINE_HYPOTHESIS_PROFILE=default|thorough. Under CI the
default profile is derandomized, so a red run can be replayed exactly.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=40,  # make test stays under ten minutes; `make fuzz` runs 5,000 a test
    deadline=None,  # the machine is shared and noisy; speed is for benchmarks
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("TIMELINE_HYPOTHESIS_PROFILE", "default"))

"""Record linkage for the hidden number (issue 13, items 5-8): pure modules, no Django.

A person registered by several sources must be counted once. Registrations are linked

* exactly, on the blind indexes the platform already keeps (identity documents; name and date of
  birth), and
* approximately, on keyed Bloom-filter encodings (CLKs, Schnell et al. 2009) of the normalised
  name and date of birth, compared by Dice similarity within privacy-preserving blocks.

The encodings live in memory only, for one linkage run; what leaves is a capture-history table
(:mod:`.histories`). See docs/monitoring-estimate.md and ADR 0075.
"""

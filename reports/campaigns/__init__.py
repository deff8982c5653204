"""Campaign set-up (ministry): a new year copied from the last one, each piece of its data
edited with checks and a preview, per-organizer deadline extensions (SPEC §3, §10)."""

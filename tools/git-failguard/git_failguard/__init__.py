"""git failguard: run failguard on what a change affects, against a git baseline."""

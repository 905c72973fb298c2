"""orghealth: org-structure health from the exports a company already has."""

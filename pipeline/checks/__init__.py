"""Pure checkers: each reads a `pipeline.model.Document` and returns findings, never raising on
missing inputs (a verification whose inputs are absent is `undetermined`, never a guess)."""

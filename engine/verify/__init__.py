"""Verification (issue 12): `property` blocks of a rule file state what must always hold; this
stage tests them after an evaluation (``properties``), builds fact streams from a rule file's
declarations for hypothesis (``strategies``) and searches for streams where a property fails,
shrunk to the shortest (``search``).  Results are data; ``explain`` words them."""

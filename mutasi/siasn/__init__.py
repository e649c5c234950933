"""Hand-over of published moves to the national personnel system (SIASN / I-MUT)."""

"""The checked-YAML kernel: files read with their line numbers, every problem reported at once,
in French, naming the file, the line and the field."""

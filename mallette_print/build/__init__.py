"""The build: options and outputs, the producer registry, the pipeline that writes files atomically, the print
plan, progress lines and watch mode.
"""

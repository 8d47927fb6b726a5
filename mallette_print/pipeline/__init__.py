"""The build: options and outputs, the build context, the registry of layout steps and producers, `run_build`
(run.py), atomic file writing, the print plan, progress lines and watch mode.

Named `pipeline`, not `build`: `mallette_print.build` is the public function that runs it.
"""

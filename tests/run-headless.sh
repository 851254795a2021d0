#!/bin/sh
# Runs a test program; tests that draw get a virtual X display when there
# is no display to draw on (CI, ssh).
if [ "${EB_NEEDS_DISPLAY:-0}" = 1 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$@"
fi
exec "$@"

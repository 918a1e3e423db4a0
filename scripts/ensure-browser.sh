#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing (idempotent).
# Playwright drives /usr/bin/chromium; no browser is ever downloaded by a test tool.
# Under CI=true a browser that is still missing afterwards fails the run; locally the browser
# tests then skip with a message.
set -u
BROWSER=/usr/bin/chromium

if [ -x "$BROWSER" ]; then exit 0; fi
echo "installing Debian's chromium for the browser tests"
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  SUDO="unavailable"
fi
if [ "$SUDO" != "unavailable" ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
if [ -x "$BROWSER" ]; then exit 0; fi
echo "chromium could not be installed (need root or sudo and Debian's package archive)" >&2
case "${CI:-}" in
  1|true|TRUE|yes) exit 1 ;;
  *) exit 0 ;;
esac

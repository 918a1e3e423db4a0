#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing (idempotent), with its
# translations (chromium-l10n) so that its own widgets (the file picker) read as a French
# user's browser does. Playwright drives /usr/bin/chromium; no test tool downloads a browser.
# Under CI=true a browser that is still missing afterwards fails the run; locally the browser
# tests then skip with a message.
set -u
BROWSER=/usr/bin/chromium
FRENCH=/usr/lib/chromium/locales/fr.pak

if [ -x "$BROWSER" ] && [ -f "$FRENCH" ]; then exit 0; fi
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
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-l10n fonts-dejavu-core >/dev/null
fi
if [ -x "$BROWSER" ]; then exit 0; fi
echo "chromium could not be installed (need root or sudo and Debian's package archive)" >&2
case "${CI:-}" in
  1|true|TRUE|yes) exit 1 ;;
  *) exit 0 ;;
esac

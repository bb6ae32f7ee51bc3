#!/usr/bin/env bash
# Real-keychain tests (src/main/**/*.keychain-test.ts, vitest.keychain.config.mts) against
# gnome-keyring's Secret Service in a private D-Bus session with a throw-away HOME, so they touch
# neither the developer's keyring nor need a desktop (README, Development).
# Extra arguments go to vitest. Needs: apt-get install -y gnome-keyring dbus libsecret-tools
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test:keychain cannot run: ${missing[*]} not found." >&2
  echo "These tests use a real gnome-keyring in a private D-Bus session. Install them with:" >&2
  echo "  sudo apt-get install -y gnome-keyring dbus libsecret-tools" >&2
  # CI must run them (.ci/run installs the packages); on a workstation say so and go on.
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  echo "test:keychain skipped (not in CI)." >&2
  exit 0
fi

KEYCHAIN_TEST_HOME=$(mktemp -d)
export KEYCHAIN_TEST_HOME
trap 'rm -rf "$KEYCHAIN_TEST_HOME"' EXIT

dbus-run-session -- bash -c '
  set -euo pipefail
  export HOME="$KEYCHAIN_TEST_HOME"   # isolates ~/.local/share/keyrings
  unset XDG_RUNTIME_DIR XDG_DATA_HOME GNOME_KEYRING_CONTROL
  eval "$(echo -n test | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  exec node_modules/.bin/vitest run --config vitest.keychain.config.mts "$@"
' test-keychain "$@"

#!/usr/bin/env bash
# End-to-end tests (e2e/, playwright.config.ts): the built renderer in Debian's Chromium with the
# real main-process services in the test process. Builds first. Inside a private D-Bus session with
# an unlocked gnome-keyring and a throw-away HOME when those tools exist (E2E_REAL_KEYCHAIN=1: SKs
# go to the real Secret Service, as in scripts/test-keychain.sh); otherwise an in-memory keychain.
# Extra arguments go to `playwright test` (e.g. a spec file, --grep, --project electron).
# Needs: apt-get install -y chromium fonts-noto-cjk (never `npx playwright install`).
set -euo pipefail
cd "$(dirname "$0")/.."

chromium=${E2E_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "test:e2e cannot run: $chromium not found. Install Debian's Chromium:" >&2
  echo "  sudo apt-get install -y --no-install-recommends chromium fonts-noto-cjk" >&2
  exit 1
fi

# E2E_OUT_DIR: build into (and test) a private folder instead of out/, e.g. while others rebuild
# out/ concurrently. E2E_SKIP_BUILD=1: test what is already built (npm test builds first).
# --skip-build (first argument) does the same; npm test uses it after its own build.
if [ "${1:-}" = "--skip-build" ]; then
  E2E_SKIP_BUILD=1
  shift
fi
if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then
  node_modules/.bin/electron-vite build --logLevel error --outDir "${E2E_OUT_DIR:-out}"
fi

# Default: both projects. The electron one runs the same specs through the built app where an
# Electron binary exists and skips with one printed reason elsewhere; --project picks one.
args=("$@")
has_project=0
for a in "${args[@]+"${args[@]}"}"; do
  case "$a" in --project | --project=*) has_project=1 ;; esac
done
[ $has_project -eq 1 ] || args=(--project=browser --project=electron "${args[@]+"${args[@]}"}")

have_keyring=1
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || have_keyring=0
done

if [ $have_keyring -eq 0 ]; then
  echo "test:e2e: gnome-keyring/dbus not found, so SKs stay in an in-memory keychain." >&2
  exec node_modules/.bin/playwright test "${args[@]}"
fi

E2E_KEYRING_HOME=$(mktemp -d)
export E2E_KEYRING_HOME
trap 'rm -rf "$E2E_KEYRING_HOME"' EXIT

dbus-run-session -- bash -c '
  set -euo pipefail
  export HOME="$E2E_KEYRING_HOME"   # isolates ~/.local/share/keyrings (and Chromium'"'"'s profile)
  unset XDG_RUNTIME_DIR XDG_DATA_HOME GNOME_KEYRING_CONTROL
  eval "$(echo -n test | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  export E2E_REAL_KEYCHAIN=1
  export NO_AT_BRIDGE=1             # no accessibility bus for Chromium in this private session
  exec node_modules/.bin/playwright test "$@"
' test-e2e "${args[@]}"

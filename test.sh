#!/usr/bin/env bash
# The one test command (README, and what CI runs): builds everything, runs every test project and
# the infrastructure checks, and fails loudly if anything was skipped or did not run.
set -euo pipefail
cd "$(dirname "$0")"

fail() { echo "test.sh: $*" >&2; exit 1; }
command -v dotnet >/dev/null || fail "the .NET SDK is not on PATH (need .NET 10: https://dot.net)"
dotnet --list-sdks | grep -q '^10\.' || fail "the .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')"

# Real servers and clients the integration tests use (maildev, Azurite, cosmosdb-server, the Segment Node SDK),
# pinned by tests/servers/package-lock.json.
command -v npm >/dev/null || fail "Node.js 20 or later with npm is required for the integration tests (https://nodejs.org)"
npm ci --prefix tests/servers --no-audit --no-fund --loglevel=error

# Debian's Chromium for the browser test of the dev inbox (Playwright drives it; it never downloads its own).
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "test.sh: installing Debian's chromium for the dev inbox browser test" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || fail "could not install chromium; run: apt-get update && apt-get install -y chromium"
  else
    fail "/usr/bin/chromium is missing (the dev inbox browser test needs it); run as root: apt-get update && apt-get install -y chromium"
  fi
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

bash infra/check.sh

dotnet build JourneyTriggers.sln -c Release -nologo -v quiet -warnaserror
# The Functions package, published once as it is deployed (self-contained for linux-x64, so built for that runtime
# here); the publish-layout tests and the host harness read it (JT_PUBLISHED).
dotnet publish functions/JourneyTriggers.Functions -c Release -nologo -v quiet -o "$results/package"
export JT_PUBLISHED="$results/package"
dotnet test JourneyTriggers.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results"

# Count what really ran across every project, and refuse a run where tests were skipped.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
files = glob.glob(sys.argv[1] + "/*.trx")
for f in files:
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns).attrib
    passed += int(c["passed"]); failed += int(c["failed"]) + int(c["error"]) + int(c["timeout"])
    skipped += int(c["notExecuted"])
print(f"{passed} passed, {failed} failed, {skipped} skipped")
if not files: sys.exit("test.sh: no test results were written")
if failed or skipped: sys.exit("test.sh: failed or skipped tests (a skipped integration test is a failure here)")
if passed == 0: sys.exit("test.sh: no test ran")
PY

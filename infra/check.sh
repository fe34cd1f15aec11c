#!/usr/bin/env bash
# Compiles and lints every Bicep file under infra/ and checks that the app settings main.bicep writes are
# exactly the names in infra/app-settings.json. Any diagnostic, warning or error, fails the check.
#
# Offline apart from NuGet: the Bicep CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64,
# restored by infra/tools/BicepCli.csproj (a no-op once it is in the NuGet cache). Builds use --no-restore,
# so Bicep never reaches for a module registry. Needs dotnet and python3.
set -euo pipefail

infra="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tools="$infra/tools"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

version="$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' "$tools/BicepCli.csproj")"
[ -n "$version" ] || { echo "check.sh: no Bicep CLI version in $tools/BicepCli.csproj" >&2; exit 1; }

if ! restore_log="$(dotnet restore "$tools/BicepCli.csproj" 2>&1)"; then
  printf '%s\n' "$restore_log" >&2
  echo "check.sh: restoring the Bicep CLI $version failed" >&2
  exit 1
fi

packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[ -f "$bicep" ] || { echo "check.sh: Bicep CLI not found at $bicep after restore" >&2; exit 1; }
[ -x "$bicep" ] || chmod +x "$bicep"
echo "Bicep CLI $("$bicep" --version | sed 's/^Bicep CLI version //')"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failed=0
checked=0
# Runs one Bicep command; it passes only if it exits 0 and prints no diagnostic at all.
run() {
  local what="$1"; shift
  if ! "$bicep" "$@" >"$work/out" 2>&1 || [ -s "$work/out" ]; then
    echo "FAIL $what" >&2
    sed 's/^/  /' "$work/out" >&2
    failed=$((failed + 1))
  else
    echo "ok   $what"
  fi
  checked=$((checked + 1))
}

cd "$infra"
count="$(find . -name '*.bicep' -not -path './tools/*' | wc -l)"
[ "$count" -gt 0 ] || { echo "check.sh: no .bicep files under $infra" >&2; exit 1; }
# One process per command for all files (a Bicep CLI start costs seconds); diagnostics name their file.
run "build ($count files)" build --no-restore --pattern './**/*.bicep' --outdir "$work/arm"
run "lint  ($count files)" lint --no-restore --pattern './**/*.bicep'

if [ -f "$work/arm/main.json" ]; then
  if python3 "$infra/check-app-settings.py" "$work/arm/main.json" "$infra/app-settings.json" "$infra/../host.json"; then
    echo "ok   app settings"
  else
    echo "FAIL app settings" >&2
    failed=$((failed + 1))
  fi
else
  echo "FAIL app settings: main.bicep did not build" >&2
  failed=$((failed + 1))
fi
checked=$((checked + 1))

# Every value main.parameters.json (azd's parameter file) passes must be a parameter of main.bicep.
if [ -f "$work/arm/main.json" ] && python3 - "$work/arm/main.json" "$infra/main.parameters.json" <<'PY'
import json, sys
declared = json.load(open(sys.argv[1], encoding="utf-8"))["parameters"]
passed = json.load(open(sys.argv[2], encoding="utf-8"))["parameters"]
unknown = sorted(set(passed) - set(declared))
if unknown:
    print("main.parameters.json passes parameters main.bicep does not declare: " + ", ".join(unknown), file=sys.stderr)
    sys.exit(1)
PY
then
  echo "ok   main.parameters.json"
else
  echo "FAIL main.parameters.json" >&2
  failed=$((failed + 1))
fi
checked=$((checked + 1))

echo "infra: $((checked - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]

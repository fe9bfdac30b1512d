# Sourced by scripts that need the emulator: `start_emulator [PORT]` runs it in the
# background (port 0: any free one), stops it when the script exits, and sets
# EMULATOR_URL once it is listening.
start_emulator() {
  local log
  log=$(mktemp)
  target/debug/oauth-admin-emulator --port "${1:-0}" >"$log" 2>/dev/null &
  local pid=$!
  # shellcheck disable=SC2064 # expand now: the trap must name this process and file
  trap "kill $pid 2>/dev/null || true; rm -f '$log'" EXIT
  EMULATOR_URL=
  for _ in $(seq 100); do
    EMULATOR_URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 || true)
    [ -n "$EMULATOR_URL" ] && return 0
    sleep 0.1
  done
  echo "the emulator did not start" >&2
  return 1
}

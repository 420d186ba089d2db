#!/usr/bin/env bash
# Start the action server and the Rasa server together; stop both on exit or Ctrl-C.
#   run_stack.sh console   chat in this terminal (Rasa on a loopback port, no API)
#   run_stack.sh serve     serve the REST channel in the foreground (+ the Telegram bot when
#                          TELEGRAM_BOT_TOKEN is set)
#   run_stack.sh bench SET...  measure the assistant over REST on blind sets (bench/blind.py)
set -euo pipefail
mode=${1:-serve}
venv=.venv
model=models/cce-assistant.tar.gz
actions_port=${ACTIONS_PORT:-5055}
rasa_port=${RASA_PORT:-5005}
mkdir -p .data
sed "s#localhost:5055#localhost:${actions_port}#" endpoints.yml > .data/endpoints.yml

pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_all EXIT INT TERM

wait_for() {  # url, what, seconds
  for _ in $(seq "$3"); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "The $2 did not start within $3 seconds." >&2
  exit 1
}

"$venv/bin/rasa" run actions --actions actions --port "$actions_port" --quiet >.data/actions.log 2>&1 &
pids+=($!)
wait_for "http://localhost:${actions_port}/health" "action server" 120

api_args=()
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then
  api_args=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
fi

if [ "$mode" = bench ]; then
  shift
  "$venv/bin/rasa" run --model "$model" --endpoints .data/endpoints.yml --credentials credentials.yml \
    --port "$rasa_port" --interface 127.0.0.1 --quiet >.data/rasa.log 2>&1 &
  pids+=($!)
  wait_for "http://localhost:${rasa_port}/webhooks/rest/" "assistant" 180
  "$venv/bin/python" -m bench.blind "http://localhost:${rasa_port}" "$@"
elif [ "$mode" = console ]; then
  echo "Starting the assistant (this takes about 20 seconds)..."
  "$venv/bin/rasa" run --model "$model" --endpoints .data/endpoints.yml --credentials credentials.yml \
    --port "$rasa_port" --interface 127.0.0.1 --quiet >.data/rasa.log 2>&1 &
  pids+=($!)
  wait_for "http://localhost:${rasa_port}/webhooks/rest/" "assistant" 180
  "$venv/bin/python" -m bot.console --url "http://localhost:${rasa_port}"
else
  echo "Action server on :${actions_port}; REST channel on :${rasa_port}/webhooks/rest/webhook; web chat page on http://localhost:${rasa_port}/webhooks/webchat/ (Ctrl-C stops all)."
  "$venv/bin/rasa" run --model "$model" --endpoints .data/endpoints.yml --credentials credentials.yml \
    --port "$rasa_port" "${api_args[@]}" &
  pids+=($!)
  rasa_pid=$!
  if [ -n "${TELEGRAM_BOT_TOKEN:-}" ]; then  # the Telegram front end, once Rasa answers
    wait_for "http://localhost:${rasa_port}/webhooks/rest/" "assistant" 180
    RASA_URL="http://localhost:${rasa_port}" "$venv/bin/python" -m bot.telegram &
    pids+=($!)
  fi
  wait "$rasa_pid"
fi

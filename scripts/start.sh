#!/usr/bin/env bash
# The main job (npm start): build and pack the package, provision n8n, start the Thrive Apprentice
# sandbox, install the package and the templates into a local n8n (default embedded SQLite in
# .runtime/n8n-home), activate the fulfilment workflow, set up the owner account, and print where
# everything is once a POST to the webhook reaches the workflow. Ctrl-C stops everything it started.
# Every step that fails says which step it was and shows the command's own error.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
source scripts/lib/steps.sh

step "Installing the project's devDependencies" bash scripts/bootstrap.sh
step "Provisioning n8n $N8N_VERSION and Node 24 (several minutes the first time, seconds after)" bash scripts/provision.sh
step "Building and packing the package" bash scripts/pack.sh

N8N_PORT="${N8N_PORT:-5678}"
SANDBOX_PORT="${SANDBOX_PORT:-8090}"
# Loopback only unless the person starting it opens it up (e.g. N8N_LISTEN_ADDRESS=0.0.0.0).
N8N_LISTEN_ADDRESS="${N8N_LISTEN_ADDRESS:-127.0.0.1}"
N8N_HOME="$PROJECT_ROOT/.runtime/n8n-home"
SANDBOX_URL="http://127.0.0.1:$SANDBOX_PORT"
mkdir -p "$N8N_HOME"

pids=()
cleanup() {
	trap - INT TERM EXIT
	echo
	echo "Stopping n8n and the sandbox..."
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

echo "Starting the Thrive Apprentice sandbox on $SANDBOX_URL..."
"$NODE24" sandbox/cli.js --port "$SANDBOX_PORT" --data "$PROJECT_ROOT/.runtime/sandbox-data" >"$PROJECT_ROOT/.runtime/sandbox.log" 2>&1 &
pids+=($!)
wait_for "the Thrive Apprentice sandbox" "$PROJECT_ROOT/.runtime/sandbox.log" "${pids[-1]}" 50 \
	curl -sf "$SANDBOX_URL/__sandbox/health"

export N8N_USER_FOLDER="$N8N_HOME" N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-local-main-job-key}" \
	N8N_SECURE_COOKIE=false N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false \
	N8N_PORT N8N_LISTEN_ADDRESS N8N_WEBHOOK_URL="http://localhost:$N8N_PORT/" GENERIC_TIMEZONE=UTC
n8n() { "$NODE24" "$N8N_BIN" "$@"; }

echo "Installing the package and the templates into n8n..."
"$NODE24" scripts/lib/main-job.js prepare "$N8N_HOME" "$SANDBOX_URL" >"$PROJECT_ROOT/.runtime/main-job.json.tmp" \
	|| fail "Preparing the n8n import files (scripts/lib/main-job.js) failed"
mv "$PROJECT_ROOT/.runtime/main-job.json.tmp" "$PROJECT_ROOT/.runtime/main-job.json"
info() { "$NODE24" -p "require('./.runtime/main-job.json').$1"; }
step "Importing the sandbox credentials into n8n" n8n import:credentials --input="$N8N_HOME/import/credentials.json"
if [ ! -f "$N8N_HOME/.templates-imported" ]; then
	# Imported once: later runs keep what the seller edited in the editor.
	step "Importing the templates into n8n" n8n import:workflow --separate --input="$N8N_HOME/import/workflows"
	step "Activating the fulfilment workflow" n8n publish:workflow --id="$(info workflowId)"
	touch "$N8N_HOME/.templates-imported"
fi

# Started directly (not through the n8n function) so that $! is n8n itself and Ctrl-C can stop it.
echo "Starting n8n (log: .runtime/n8n.log)..."
"$NODE24" "$N8N_BIN" start >"$PROJECT_ROOT/.runtime/n8n.log" 2>&1 &
pids+=($!)
N8N_URL="http://127.0.0.1:$N8N_PORT"
WEBHOOK="$(info webhookUrl)"
wait_for "n8n" "$PROJECT_ROOT/.runtime/n8n.log" "${pids[-1]}" 240 curl -sf "$N8N_URL/healthz/readiness"
# Ready means a POST reaches the workflow: ThriveCart's event-less setup ping, answered by the trigger
# itself with 200 {} (n8n answers 404 until the workflow's webhooks are registered).
wait_for "the fulfilment workflow's webhook" "$PROJECT_ROOT/.runtime/n8n.log" "${pids[-1]}" 120 \
	bash -c '[ "$(curl -s -X POST -o /dev/stdout -w " %{http_code}" "$1")" = "{} 200" ]' _ "$WEBHOOK"

owner_line=$("$NODE24" scripts/lib/owner.js "$N8N_URL" "$N8N_HOME/owner.json") \
	|| fail "Setting up n8n's owner account failed (see above)"
if [ "$N8N_LISTEN_ADDRESS" = "127.0.0.1" ] || [ "$N8N_LISTEN_ADDRESS" = "localhost" ]; then
	reach="this machine only; N8N_LISTEN_ADDRESS=0.0.0.0 npm start opens it to the network"
else
	reach="listening on $N8N_LISTEN_ADDRESS: anyone who can reach it sees the login page"
fi

cat <<INFO

  n8n editor:            http://localhost:$N8N_PORT   ($reach)
  Owner account:         $owner_line
  Fulfilment workflow:   "$(info workflowName)" (active)
  Webhook URL for ThriveCart (Settings > API & Webhooks > Webhooks & notifications):
                         $WEBHOOK
  Thrive Apprentice sandbox: $SANDBOX_URL   (state: $SANDBOX_URL/__sandbox/state)

  Send a sample order and see the customer's new access, in another terminal:
      npm run send-order
  (or: npm run send-order -- --email you@example.test --json)

  Ctrl-C stops n8n and the sandbox.
INFO
wait

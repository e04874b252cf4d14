#!/usr/bin/env bash
# The main job (npm start): build and pack the package, provision n8n, start the Thrive Apprentice
# sandbox, install the package and the templates into a local n8n (default embedded SQLite in
# .runtime/n8n-home), activate the fulfilment workflow, and print where everything is.
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
bash scripts/bootstrap.sh
bash scripts/provision.sh
echo "Building and packing the package..."
bash scripts/pack.sh

N8N_PORT="${N8N_PORT:-5678}"
SANDBOX_PORT="${SANDBOX_PORT:-8090}"
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

"$NODE24" sandbox/cli.js --port "$SANDBOX_PORT" --data "$PROJECT_ROOT/.runtime/sandbox-data" &
pids+=($!)
for _ in $(seq 1 50); do curl -sf "$SANDBOX_URL/__sandbox/health" >/dev/null && break; sleep 0.2; done

export N8N_USER_FOLDER="$N8N_HOME" N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-local-main-job-key}" \
	N8N_SECURE_COOKIE=false N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false \
	N8N_PORT N8N_WEBHOOK_URL="http://localhost:$N8N_PORT/" GENERIC_TIMEZONE=UTC
n8n() { "$NODE24" "$N8N_BIN" "$@"; }

echo "Installing the package and the templates into n8n..."
"$NODE24" scripts/lib/main-job.js prepare "$N8N_HOME" "$SANDBOX_URL" >"$PROJECT_ROOT/.runtime/main-job.json"
n8n import:credentials --input="$N8N_HOME/import/credentials.json" >/dev/null 2>&1
if [ ! -f "$N8N_HOME/.templates-imported" ]; then
	# Imported once: later runs keep what the seller edited in the editor.
	n8n import:workflow --separate --input="$N8N_HOME/import/workflows" >/dev/null 2>&1
	n8n publish:workflow --id="$("$NODE24" -p 'require("./.runtime/main-job.json").workflowId')" >/dev/null 2>&1
	touch "$N8N_HOME/.templates-imported"
fi

# Started directly (not through the n8n function) so that $! is n8n itself and Ctrl-C can stop it.
"$NODE24" "$N8N_BIN" start >"$PROJECT_ROOT/.runtime/n8n.log" 2>&1 &
pids+=($!)
WEBHOOK="$("$NODE24" -p 'require("./.runtime/main-job.json").webhookUrl')"
echo "Starting n8n (log: .runtime/n8n.log)..."
for _ in $(seq 1 240); do
	code=$(curl -s -o /dev/null -w '%{http_code}' -I "$WEBHOOK" || true)
	[ "$code" = "200" ] && break
	sleep 0.5
done
[ "$code" = "200" ] || { echo "n8n did not activate the fulfilment workflow; see .runtime/n8n.log" >&2; exit 1; }

cat <<INFO

  n8n editor:            http://localhost:$N8N_PORT   (first visit: create the owner account)
  Fulfilment workflow:   "$("$NODE24" -p 'require("./.runtime/main-job.json").workflowName')" (active)
  Webhook URL for ThriveCart (Settings > API & Webhooks > Webhooks & notifications):
                         $WEBHOOK
  Thrive Apprentice sandbox: $SANDBOX_URL   (state: $SANDBOX_URL/__sandbox/state)

  Send a sample order and see the customer's new access, in another terminal:
      npm run send-order
  (or: npm run send-order -- --email you@example.test --json)

  Ctrl-C stops n8n and the sandbox.
INFO
wait

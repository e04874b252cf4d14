# Sourced by the start scripts: run a step and, when it fails, say which one and show its own output.

fail() {
	echo "npm start: $1" >&2
	exit 1
}

# step "what it does" command args...: names the step, then stays quiet on success; on failure shows the
# command's output and exit code.
step() {
	local what="$1" out status=0
	shift
	echo "$what..."
	out=$(mktemp)
	"$@" >"$out" 2>&1 || status=$?
	if [ "$status" -ne 0 ]; then
		echo "npm start: $what failed (exit $status): $*" >&2
		tail -n 40 "$out" >&2
		rm -f "$out"
		exit "$status"
	fi
	rm -f "$out"
}

# wait_for "what" log-file pid tries command args...: polls every 0.5 s until the command succeeds; fails
# with the end of the log when the process died or the tries ran out.
wait_for() {
	local what="$1" log="$2" pid="$3" tries="$4"
	shift 4
	for _ in $(seq 1 "$tries"); do
		"$@" >/dev/null 2>&1 && return 0
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "npm start: $what stopped while starting; the end of $log:" >&2
			tail -n 40 "$log" >&2
			exit 1
		fi
		sleep 0.5
	done
	echo "npm start: $what was not ready after $((tries / 2)) s; the end of $log:" >&2
	tail -n 40 "$log" >&2
	exit 1
}

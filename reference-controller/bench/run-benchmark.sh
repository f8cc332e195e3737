#!/usr/bin/env bash
# The reference agent against Argo's own agent code and wrk, on the same local plugins, in one invocation.
# See README.md here.
#
#   reference-controller/bench/run-benchmark.sh [NODES] [PLUGINS]     (defaults: 100000 5, the seed's 500k calls)
#
# Environment: ROUNDS (2), WRK_THREADS (2), WRK_TARGET (hello: the accepting plugin; or decline-1 …),
# WARMUP_NODES (60000: 300k calls at 5 plugins, before each measured pass), QUIET_WAIT (seconds to wait for other processes to go quiet before each
# phase, 300), FLOORS (1: also run ClientFloorBenchmark's four floors, OkHttp alone, plain sockets,
# the JDK's HttpClient and Apache HttpClient 5; 0: don't),
# BENCH_NICE (e.g. -10 as root: the plugin server, the agent and wrk all run at that priority, so
# other work on a shared machine disturbs both sides less), CLIENT_JAVA_OPTS, SERVER_JAVA_OPTS, SKIP_BUILD=1, JAVA_HOME,
# ARGO_AGENT (the differential harness, differential/argo-agent/bin/argo-agent: Argo Workflows' own plugin chain
# and RPC client in its --load mode), ARGO_WARMUP_NODES (2000: Go needs no JIT warm-up, only its connections).
set -euo pipefail
HZ=$(getconf CLK_TCK)

NODES=${1:-100000}
PLUGINS=${2:-5}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=16 # the agent's default task workers (ARGO_AGENT_TASK_WORKERS): at most 16 calls in flight
WRK_THREADS=${WRK_THREADS:-2}
WRK_TARGET=${WRK_TARGET:-hello}
WARMUP_NODES=${WARMUP_NODES:-60000} # 20000 left the JIT visibly unsettled (README)
QUIET_WAIT=${QUIET_WAIT:-300}
RUN=(nice -n "${BENCH_NICE:-0}") # the same priority for the plugins, the agent and wrk
FLOORS=${FLOORS:-1}

[[ $NODES =~ ^[1-9][0-9]*$ && $PLUGINS =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [NODES] [PLUGINS] (positive integers)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is not installed (Debian/Ubuntu: apt-get install wrk)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is not installed (Debian/Ubuntu: apt-get install time); it measures each side's peak memory" >&2; exit 2; }
if [[ -z ${JAVA_HOME:-} && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODULE=$(dirname "$HERE")
ROOT=$(dirname "$MODULE")
WORK=$MODULE/target/bench
mkdir -p "$WORK"
ARGO_AGENT=${ARGO_AGENT:-$ROOT/differential/argo-agent/bin/argo-agent}
ARGO_WARMUP_NODES=${ARGO_WARMUP_NODES:-2000}
[[ -x $ARGO_AGENT ]] || { echo "The Argo column needs Argo's own agent code: run $ROOT/differential/argo-agent/build.sh (Go and the Go module proxy) or set ARGO_AGENT." >&2; exit 2; }
[[ $("$ARGO_AGENT" --help 2>&1) == *-load* ]] || { echo "$ARGO_AGENT has no --load mode: rebuild it with $ROOT/differential/argo-agent/build.sh." >&2; exit 2; }

if [[ ${SKIP_BUILD:-} != 1 || ! -f $WORK/classpath.txt ]]; then
    echo "building reference-controller (test-compile) ..."
    (cd "$ROOT" && ./mvnw -B -q -pl reference-controller test-compile \
        && ./mvnw -B -q -pl reference-controller dependency:build-classpath \
            -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null)
fi
CP=$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$WORK/classpath.txt")

# A fresh token per run, as Argo writes one per agent pod; never printed.
head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$WORK/token"
TOKEN=$(cat "$WORK/token")

SERVER_PID=
cleanup() {
    if [[ -n $SERVER_PID ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

# 1. The plugins: PLUGINS ports in one JVM of their own.
"${RUN[@]}" "$JAVA" ${SERVER_JAVA_OPTS:-} -cp "$CP" dev.argoconformance.reference.bench.BenchPlugin \
    --plugins "$PLUGINS" --token-file "$WORK/token" > "$WORK/plugins.txt" 2> "$WORK/plugins.err" &
SERVER_PID=$!
for _ in $(seq 300); do
    grep -q '^READY' "$WORK/plugins.txt" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the plugin server died:" >&2; cat "$WORK/plugins.err" >&2; exit 1; }
    sleep 0.1
done
grep -q '^READY' "$WORK/plugins.txt" || { echo "the plugin server did not start within 30 s" >&2; exit 1; }
TARGET_URL=$(awk -v n="$WRK_TARGET" '$1 == "PLUGIN" && $2 == n { print $3 }' "$WORK/plugins.txt")
[[ -n $TARGET_URL ]] || { echo "no plugin named $WRK_TARGET; have: $(awk '$1=="PLUGIN"{printf "%s ", $2}' "$WORK/plugins.txt")" >&2; exit 2; }
FIRST_URL=$(awk '$1 == "PLUGIN" { print $3; exit }' "$WORK/plugins.txt")
# Argo's agent gets the same plugins in the same order, each with the token file, as its sidecars.
ARGO_PLUGINS=()
while read -r _ name url; do ARGO_PLUGINS+=(--plugin "$name=$url" --token-file "$name=$WORK/token"); done < <(awk '$1 == "PLUGIN"' "$WORK/plugins.txt")

# 2. The request wrk sends: the agent's own bytes for a node, with the agent's headers.
"$JAVA" -cp "$CP" dev.argoconformance.reference.bench.AgentBenchmark --nodes "$NODES" --dump-request "$WORK/request.json"
cat > "$WORK/request.lua" <<EOF
local f = assert(io.open("$WORK/request.json", "rb"))
wrk.body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.headers["User-Agent"] = "Go-http-client/1.1"
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
EOF

server_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; } # busy: all but idle and iowait
# Benchmarks on a shared machine: before each phase, wait (up to QUIET_WAIT s) until the CPUs have been
# under 10% busy for 2 s, and say so if they never were. Each phase also reports what others used.
await_quiet() {
    local deadline=$((SECONDS + QUIET_WAIT)) b0 b1 busy
    while true; do
        b0=$(machine_ticks); sleep 2; b1=$(machine_ticks)
        busy=$(( (b1 - b0) * 100 / ($(nproc) * 2 * HZ) ))
        (( busy < 10 )) && return 0
        if (( SECONDS >= deadline )); then
            echo "   (machine still ${busy}% busy after waiting ${QUIET_WAIT} s; measuring anyway, see 'other processes')"
            return 0
        fi
        sleep 3
    done
}
server_connections() { curl -s "$FIRST_URL/stats" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^connections=/) { sub("connections=", "", $i); n += $i } } END { print n + 0 }'; }
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<< "$2"; }

echo
echo "machine: $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r)"
echo "java:    $("$JAVA" -version 2>&1 | head -1)"
echo "wrk:     $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $WRK_THREADS threads, $CONNECTIONS connections, target plugin '$WRK_TARGET'"
echo "plugins: $PLUGINS on 127.0.0.1 in one JVM (pid $SERVER_PID): $(awk '$1=="PLUGIN"{printf "%s ", $2}' "$WORK/plugins.txt")"
echo "nice:    ${BENCH_NICE:-0} (plugins, agent and wrk alike)"
echo "nodes:   $NODES, each accepted by the last plugin only: $((NODES * PLUGINS)) calls a round; warm-up $WARMUP_NODES nodes ($ARGO_WARMUP_NODES for Argo); $ROUNDS rounds"
echo "argo:    $("$ARGO_AGENT" --version) ($ARGO_AGENT --load: the agent's plugin chain over Argo's RPC client, $CONNECTIONS workers)"

declare -a REF_RPS WRK_RPS ARGO_RPS SUMMARY ARGO_SUMMARY
for round in $(seq "$ROUNDS"); do
    echo
    await_quiet
    c0=$(server_connections)
    out=$(/usr/bin/time -f '%M' -o "$WORK/reference.rss" "${RUN[@]}" "$JAVA" ${CLIENT_JAVA_OPTS:-} -cp "$CP" dev.argoconformance.reference.bench.AgentBenchmark \
        --nodes "$NODES" --warmup "$WARMUP_NODES" --round "$round" --server-pid "$SERVER_PID" \
        --plugins-file "$WORK/plugins.txt" --token-file "$WORK/token")
    grep -v '^RESULT' <<< "$out"
    echo "   connections     $(( $(server_connections) - c0 )) opened to the plugins (warm-up and round)"
    ref_rss_mib=$(awk '{ printf "%.0f", $1 / 1024 }' "$WORK/reference.rss")
    echo "   peak RSS        $ref_rss_mib MiB (the agent JVM, warm-up included; /usr/bin/time)"
    result=$(grep '^RESULT' <<< "$out")
    ref_rps=$(field rps "$result"); ref_seconds=$(field seconds "$result")

    # Argo's own agent code on the same plugins, the same request bytes, the same 16 workers.
    await_quiet
    echo "== Argo's agent ($("$ARGO_AGENT" --version | awk '{ print $NF }')), round $round: $NODES nodes x $PLUGINS plugins, $CONNECTIONS workers =="
    t0=$(server_ticks); m0=$(machine_ticks); c0=$(server_connections)
    aout=$("${RUN[@]}" "$ARGO_AGENT" "${ARGO_PLUGINS[@]}" --load "$NODES" --warmup "$ARGO_WARMUP_NODES" --workers "$CONNECTIONS" \
        --request "$WORK/request.json")
    t1=$(server_ticks); m1=$(machine_ticks)
    argo=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(" ".join(f"{k}={v}" for k, v in d.items()))' "$aout")
    argo_calls=$(field calls "$argo"); argo_rps=$(field rps "$argo")
    argo_server=$(awk -v t=$((t1 - t0)) -v hz="$HZ" -v n="$argo_calls" -v w="$(field warmup "$argo")" -v p="$PLUGINS" \
        'BEGIN { printf "%.1f", t / hz * 1e6 / (n + w * p) }')
    argo_rss_mib=$(awk -v k="$(field peak_rss_kib "$argo")" 'BEGIN { printf "%.0f", k / 1024 }')
    printf '   calls           %s (failed nodes: %s), warm-up %s nodes in %.2f s\n' "$argo_calls" "$(field failed "$argo")" "$(field warmup "$argo")" "$(field warmup_seconds "$argo")"
    printf '   wall time       %.2f s\n   calls/s         %.0f\n' "$(field seconds "$argo")" "$argo_rps"
    printf '   call latency    p50 %s us  p99 %s us\n' "$(field p50_us "$argo")" "$(field p99_us "$argo")"
    printf '   client CPU      %.1f us/call (getrusage, the round only)\n' "$(field cpu_us_per_call "$argo")"
    printf '   plugin server   %s us CPU/call (warm-up and round)\n' "$argo_server"
    printf '   peak RSS        %s MiB (the Go process, warm-up included; getrusage)\n' "$argo_rss_mib"
    echo "   connections     $(( $(server_connections) - c0 )) opened to the plugins (warm-up and round)"
    awk -v m=$((m1 - m0)) -v t=$((t1 - t0)) -v hz="$HZ" -v c="$(field cpu_us_per_call "$argo")" -v n="$argo_calls" \
        -v r="$(field seconds "$argo")" -v w="$(field warmup_seconds "$argo")" -v cpus="$(nproc)" 'BEGIN {
        o = (m / hz - t / hz - c * n / 1e6) / (r + w)
        printf "   other processes %.2f cores busy during warm-up and round (machine: %.2f of %d cores busy)\n", (o < 0 ? 0 : o), m / hz / (r + w), cpus }'
    ARGO_RPS+=("$argo_rps")

    wrk_seconds=$(awk -v s="$ref_seconds" 'BEGIN { d = int(s + 0.999); print (d < 5 ? 5 : d) }')
    if [[ $round == 1 ]]; then
        "${RUN[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d3s -s "$WORK/request.lua" "$TARGET_URL/api/v1/template.execute" > /dev/null
        echo "== wrk warm-up: 3 s, not counted =="
    fi
    await_quiet
    echo "== wrk, round $round: ${wrk_seconds} s (the reference round's wall time), $CONNECTIONS connections, POST $TARGET_URL/api/v1/template.execute =="
    t0=$(server_ticks); m0=$(machine_ticks); c0=$(server_connections)
    TIMEFORMAT='%U %S %R'
    { time /usr/bin/time -f '%M' -o "$WORK/wrk.rss" "${RUN[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${wrk_seconds}s" --latency -s "$WORK/request.lua" \
        "$TARGET_URL/api/v1/template.execute" > "$WORK/wrk.out" ; } 2> "$WORK/wrk.time"
    t1=$(server_ticks); m1=$(machine_ticks); c1=$(server_connections)
    sed -e '/^WRK_RESULT/d' -e 's/^/   /' "$WORK/wrk.out"
    wresult=$(grep '^WRK_RESULT' "$WORK/wrk.out")
    wrk_requests=$(field requests "$wresult")
    wrk_rps=$(awk -v n="$wrk_requests" -v d="$(field duration_us "$wresult")" 'BEGIN { printf "%.1f", n / (d / 1e6) }')
    read -r wu ws wr < "$WORK/wrk.time"
    wrk_cpu=$(awk -v u="$wu" -v s="$ws" -v t=$((t1 - t0)) -v hz="$HZ" -v n="$wrk_requests" 'BEGIN { printf "%.1f + %.1f", (u + s) * 1e6 / n, t / hz * 1e6 / n }')
    awk -v u="$wu" -v s="$ws" -v r="$wr" -v t=$((t1 - t0)) -v m=$((m1 - m0)) -v hz="$HZ" -v n="$wrk_requests" -v cpus="$(nproc)" 'BEGIN {
        printf "   wrk CPU         %.2f s = %.1f us/request (%.0f%% user, %.0f%% kernel; %.2f cores busy)\n", u + s, (u + s) * 1e6 / n, 100 * u / (u + s), 100 * s / (u + s), (u + s) / r
        printf "   plugin server   %.1f us CPU/request (%.2f cores busy)\n", t / hz * 1e6 / n, t / hz / r
        o = (m / hz - t / hz - u - s) / r
        printf "   other processes %.2f cores busy during the run (machine: %.2f of %d cores busy)\n", (o < 0 ? 0 : o), m / hz / r, cpus }'
    echo "   connections     $((c1 - c0)) opened to the plugin"
    echo "   errors          $(field errors "$wresult") (connect, read, write, non-2xx, timeout)"
    wrk_rss_mib=$(awk '{ printf "%.0f", $1 / 1024 }' "$WORK/wrk.rss")
    echo "   peak RSS        $wrk_rss_mib MiB"

    ratio=$(awk -v a="$ref_rps" -v b="$wrk_rps" 'BEGIN { printf "%.2f", a / b }')
    REF_RPS+=("$ref_rps"); WRK_RPS+=("$wrk_rps")
    SUMMARY+=("$(printf '%5s  %11.0f  %6.0f / %-6.0f  %13s  %9.0f  %6.0f / %-6.0f  %13s  %5s' "$round" "$ref_rps" \
        "$(field p50_us "$result")" "$(field p99_us "$result")" \
        "$(field cpu_us_per_call "$result") + $(field server_us_per_call "$result")" "$wrk_rps" \
        "$(field p50_us "$wresult")" "$(field p99_us "$wresult")" "$wrk_cpu" "$ratio")")
    ARGO_SUMMARY+=("$(printf '%5s  %11.0f  %13s  %8s  %9.0f  %6.0f / %-6.0f  %13s  %8s  %8s  %5.2f  %5.2f' "$round" "$ref_rps" \
        "$(field cpu_us_per_call "$result") + $(field server_us_per_call "$result")" "$ref_rss_mib" "$argo_rps" \
        "$(field p50_us "$argo")" "$(field p99_us "$argo")" "$(printf '%.1f' "$(field cpu_us_per_call "$argo")") + $argo_server" "$argo_rss_mib" "$wrk_rss_mib" \
        "$(awk -v a="$ref_rps" -v b="$argo_rps" 'BEGIN { print a / b }')" "$ratio")")
done

declare -a FLOOR_LINES=()
if [[ $FLOORS == 1 ]]; then
    for client in okhttp socket jdk apache; do
        echo
        await_quiet
        fout=$("${RUN[@]}" "$JAVA" ${CLIENT_JAVA_OPTS:-} -cp "$CP" dev.argoconformance.reference.bench.ClientFloorBenchmark \
            --client "$client" --nodes "$NODES" --warmup "$WARMUP_NODES" --request "$WORK/request.json" --server-pid "$SERVER_PID" \
            --plugins-file "$WORK/plugins.txt" --token-file "$WORK/token")
        grep -v '^RESULT' <<< "$fout"
        fresult=$(grep '^RESULT' <<< "$fout")
        FLOOR_LINES+=("$(printf 'floor %-7s %8.0f calls/s, client %5.1f us CPU/call' "$client" "$(field rps "$fresult")" "$(field cpu_us_per_call "$fresult")")")
    done
fi

echo
echo "== summary: $NODES nodes x $PLUGINS plugins = $((NODES * PLUGINS)) calls a round, $CONNECTIONS workers / connections =="
printf '%5s  %11s  %15s  %13s  %9s  %15s  %13s  %5s\n' round "reference/s" "p50 / p99 us" "CPU us/call" "wrk req/s" "p50 / p99 us" "CPU us/req" ratio
printf '%s\n' "${SUMMARY[@]}"
echo "(CPU: client + plugin server, microseconds of CPU per call; both sides share the same $(nproc) CPUs)"
awk -v refs="${REF_RPS[*]}" -v wrks="${WRK_RPS[*]}" 'BEGIN {
    n = split(refs, a, " "); split(wrks, b, " ")
    for (i = 1; i <= n; i++) { sa += a[i]; sb += b[i] }
    printf "ratio (mean reference calls/s / mean wrk requests/s): %.0f / %.0f = %.2f (target >= 0.8)\n", sa / n, sb / n, sa / sb }'
echo
echo "== the Argo column: Argo's own agent code ($("$ARGO_AGENT" --version | awk '{ print $NF }')) on the same plugins, request and $CONNECTIONS workers =="
printf '%5s  %11s  %13s  %8s  %9s  %15s  %13s  %8s  %8s  %5s  %5s\n' round "reference/s" "CPU us/call" "RSS MiB" "Argo/s" "p50 / p99 us" "CPU us/call" "RSS MiB" "wrk RSS" "r/A" "r/wrk"
printf '%s\n' "${ARGO_SUMMARY[@]}"
echo "(CPU: client + plugin server per call; RSS: peak resident memory of the client process, warm-up included)"
awk -v refs="${REF_RPS[*]}" -v argos="${ARGO_RPS[*]}" -v wrks="${WRK_RPS[*]}" 'BEGIN {
    n = split(refs, a, " "); split(argos, g, " "); split(wrks, b, " ")
    for (i = 1; i <= n; i++) { sa += a[i]; sg += g[i]; sb += b[i] }
    printf "reference / Argo: %.0f / %.0f = %.2f (goal >= 1: the reference agent at least as fast as Argo'"'"'s own)\n", sa / n, sg / n, sa / sg
    printf "reference / wrk:  %.0f / %.0f = %.2f\n", sa / n, sb / n, sa / sb }'
if (( ${#FLOOR_LINES[@]} > 0 )); then
    echo "for reading the ratio (same threads, plugins and request, no agent; once each, see README):"
    wrk_mean=$(awk -v wrks="${WRK_RPS[*]}" 'BEGIN { n = split(wrks, b, " "); for (i = 1; i <= n; i++) s += b[i]; print s / n }')
    for line in "${FLOOR_LINES[@]}"; do
        awk -v l="$line" -v w="$wrk_mean" 'BEGIN { split(l, f, " "); printf "   %s = %.2f of wrk\n", l, f[3] / w }'
    done
fi

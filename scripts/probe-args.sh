# Argument checks shared by scripts/host-probe and scripts/bandwidth-probe (sourced, not run). Each refuses with exit
# status 2 and a message that starts with the probe's name.

# probe_check_seconds_and_cpu NAME SECONDS CPU: SECONDS a positive number, CPU a CPU number.
probe_check_seconds_and_cpu() {
  if ! [[ $2 =~ ^[0-9]+([.][0-9]+)?$ ]] || ! awk -v s="$2" 'BEGIN { exit !(s > 0) }'; then
    echo "$1: SECONDS must be a positive number, got '$2'" >&2
    exit 2
  fi
  [[ $3 =~ ^[0-9]+$ ]] || { echo "$1: CPU must be a CPU number, got '$3'" >&2; exit 2; }
}

# probe_check_tools NAME [CPU]: a C compiler and taskset, and, when CPU is given, that this process may run on it.
probe_check_tools() {
  command -v cc >/dev/null || { echo "$1: needs a C compiler: apt-get install gcc" >&2; exit 2; }
  command -v taskset >/dev/null || { echo "$1: needs taskset (Debian's util-linux)" >&2; exit 2; }
  [[ -z ${2:-} ]] || taskset -c "$2" true 2>/dev/null \
    || { echo "$1: cannot run on CPU $2 ($(taskset -pc $$))" >&2; exit 2; }
}

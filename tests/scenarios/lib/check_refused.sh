# shellcheck shell=bash
# check_refused.sh: sourced after lib.sh by scenarios that assert errors.
#
#   check_refused WHAT STATUS PHRASE COMMAND...
#       COMMAND must exit with STATUS (the eoip tool: 1 = the kernel or the
#       system refused, 2 = bad command line) and its output (stdout and
#       stderr) must contain PHRASE, a fixed string. Two checks; the output
#       goes to the log either way.

check_refused() {
	local what=$1 want=$2 phrase=$3 out status
	shift 3
	out=$("$@" 2>&1)
	status=$?
	printf '# %s\n#   -> status %s: %s\n' "$*" "$status" "${out//$'\n'/$'\n#      '}"
	check_eq "$what: exit status $want" "$want" "$status"
	check "$what: says '$phrase'" grep -qF -- "$phrase" <<<"$out"
}

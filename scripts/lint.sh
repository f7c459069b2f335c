#!/bin/bash
# lint.sh (make lint): the static checks, one line each, PASS or FAIL, with
# the findings of a failed check under its line. The checks:
#
#   - shellcheck on every shell script in the repository (found by extension
#     or shebang), following what they source (see .shellcheckrc);
#   - checkpatch: the kernel's checkpatch.pl --strict on the module's sources
#     and the uapi header, taken from Debian's linux-source-6.12;
#   - tool: the tool built from scratch, its warnings as errors;
#   - iplink: ip's link_eoip.so likewise;
#   - man: mandoc -T lint on the man pages in man/, warnings and worse
#     (its style notes name cross references missing from this machine).
#
# Exit status 0 when every check passed, 1 otherwise. Logs in build/lint/.
set -uo pipefail
. "$(dirname "$0")/common.sh"
REPO=$(cd "$(dirname "$0")/.." && pwd)
LINT_DIR=$REPO/build/lint
# checkpatch.pl and the two files it reads beside itself come from here,
# extracted once into $LINT_DIR/scripts/ (a new tarball is extracted again).
KERNEL_SOURCE=/usr/src/linux-source-6.12.tar.xz
CHECKPATCH_FILES=(scripts/checkpatch.pl scripts/spelling.txt scripts/const_structs.checkpatch)

# checkpatch message types we do not follow, everywhere:
CHECKPATCH_IGNORE=(
	# "Macro argument reuse": our macros that reuse an argument build
	# static initialisers (the netlink policies) from constants such as
	# sizeof(struct in6_addr), which cannot have side effects.
	MACRO_ARG_REUSE
)
# ... and in kernel/compat/ only:
CHECKPATCH_IGNORE_COMPAT=(
	# "Macros with flow control statements": a compat macro that defines a
	# whole function, once per kernel API, has a return in its body; it
	# does not hide a jump from its caller, which is what this type is for.
	MACRO_WITH_FLOW_CONTROL
	# "Macros with complex values should be enclosed in parentheses": a
	# macro that stands for a struct member an older kernel lacks
	# (dev->lltx) expands to "features |= ..., (bool) { 0 }", which only
	# works unparenthesised, after "dev->" and before "= true".
	COMPLEX_MACRO
	# "Argument is not used in function-like macro": a macro that gives an
	# older kernel today's argument list (iptunnel_xmit's ipcb_flags) drops
	# the arguments that kernel does not take.
	MACRO_ARG_UNUSED
)

failed=0

report() { # NAME STATUS LOG [NOTE]: the check's line, and the log if it failed
	if (($2 == 0)); then
		echo "PASS $1${4:+ ($4)}"
	else
		echo "FAIL $1${4:+ ($4)}; log: ${3#"$REPO"/}"
		sed 's/^/    /' "$3"
		failed=1
	fi
}

shell_scripts() { # every shell script under the repository, one per line
	local file first
	while IFS= read -r -d '' file; do
		# completion/: bash completions, sourced by bash, no shebang
		if [[ $file == *.sh || $file == ./completion/* ]]; then
			echo "${file#./}"
			continue
		fi
		IFS= read -r first <"$file" || true
		# #!/bin/sh, #!/bin/bash -e, #!/usr/bin/env bash, #!/bin/busybox sh
		[[ $first =~ ^'#!'.*[/\ ](ba|da|a)?sh(\ |$) ]] && echo "${file#./}"
	done < <(cd "$REPO" && find . \( -path ./build -o -path ./.git \) -prune -o \
		-type f -print0 | sort -z)
}

check_shellcheck() {
	local log=$LINT_DIR/shellcheck.log scripts status=0
	mapfile -t scripts < <(shell_scripts)
	if ! command -v shellcheck >/dev/null; then
		echo "shellcheck is not installed (make deps)" >"$log"
		report shellcheck 1 "$log"
		return
	fi
	(cd "$REPO" && shellcheck -x -f gcc "${scripts[@]}") >"$log" 2>&1 || status=$?
	report shellcheck "$status" "$log" "${#scripts[@]} scripts"
}

checkpatch_tools() { # extract checkpatch.pl & co. unless this tarball's are there
	local stamp=$LINT_DIR/scripts/.from stamp_text
	stamp_text=$(stat -c '%n %s %Y' "$KERNEL_SOURCE") || return 1
	[[ -f $stamp && $(<"$stamp") == "$stamp_text" ]] && return 0
	rm -rf "$LINT_DIR/scripts"
	mkdir -p "$LINT_DIR"
	# The members are linux-source-6.12/scripts/...; only those three.
	tar -xJf "$KERNEL_SOURCE" -C "$LINT_DIR" --strip-components=1 \
		"${CHECKPATCH_FILES[@]/#/linux-source-6.12/}" || return 1
	echo "$stamp_text" >"$stamp"
}

check_checkpatch() {
	local log=$LINT_DIR/checkpatch.log status=0 checkpatch=$LINT_DIR/scripts/checkpatch.pl
	local options=(--strict --no-tree --file --terse --show-types --no-summary --color=never)
	local ignore compat
	if [[ ! -f $KERNEL_SOURCE ]]; then
		echo "$KERNEL_SOURCE is missing (make deps installs linux-source-6.12)" >"$log"
		report checkpatch 1 "$log"
		return
	fi
	if ! checkpatch_tools >"$log" 2>&1; then
		report checkpatch 1 "$log"
		return
	fi
	ignore=$(IFS=,; echo "${CHECKPATCH_IGNORE[*]}")
	compat=$(IFS=,; echo "${CHECKPATCH_IGNORE[*]},${CHECKPATCH_IGNORE_COMPAT[*]}")
	(
		cd "$REPO" || exit 1
		rc=0
		perl "$checkpatch" "${options[@]}" --ignore "$ignore" \
			kernel/*.c kernel/*.h include/uapi/eoip.h || rc=1
		perl "$checkpatch" "${options[@]}" --ignore "$compat" kernel/compat/*.h || rc=1
		exit $rc
	) >"$log" 2>&1 || status=$?
	report checkpatch "$status" "$log"
}

check_tool() {
	local log=$LINT_DIR/tool.log status=0
	# -B: every file compiled again, so that no warning hides in an old .o.
	make -B -C "$REPO/tool" >"$log" 2>&1 || status=$?
	if ((status == 0)) && ! grep -q -- '-Werror' "$REPO/tool/Makefile"; then
		echo "tool/Makefile does not build with -Werror" >>"$log"
		status=1
	fi
	report tool "$status" "$log" "warnings as errors"
}

check_iplink() {
	local log=$LINT_DIR/iplink.log status=0
	# the plugin for the ip on PATH, every file compiled again
	make -B -C "$REPO/iplink" BUILD="$LINT_DIR/iplink" >"$log" 2>&1 || status=$?
	if ((status == 0)) && ! grep -q -- '-Werror' "$REPO/iplink/Makefile"; then
		echo "iplink/Makefile does not build with -Werror" >>"$log"
		status=1
	fi
	report iplink "$status" "$log" "link_eoip.so, warnings as errors"
}

check_man() {
	local log=$LINT_DIR/man.log status=0 pages
	if ! command -v mandoc >/dev/null; then
		echo "mandoc is not installed (make deps)" >"$log"
		report man 1 "$log"
		return
	fi
	mapfile -t pages < <(cd "$REPO" && find man -name '*.[1-9]' | sort)
	(cd "$REPO" && mandoc -T lint -W warning "${pages[@]}") >"$log" 2>&1 || status=$?
	report man "$status" "$log" "pages: ${#pages[@]}"
}

(($# == 0)) || die "usage: lint.sh"
mkdir -p "$LINT_DIR"
check_shellcheck
check_checkpatch
check_tool
check_iplink
check_man
exit "$failed"

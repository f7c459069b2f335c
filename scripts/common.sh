# shellcheck shell=bash
# Shell helpers shared by the project's scripts (sourced, not run).

die() { # MESSAGE...: print to stderr and stop
	echo "${0##*/}: $*" >&2
	exit 2
}

matches_any() { # NAME WORD...: does NAME match one of the words?
	# The words come from a user's KERNELS= or SCENARIOS=: a word with glob
	# characters is a glob, any other word a substring that does not cut a
	# number in two (KERNELS=6.1 means 6.1.0-56-amd64, not 6.12.117).
	local name=$1 word before after
	shift
	for word in "$@"; do
		# shellcheck disable=SC2053 # the word is meant as a glob there
		case $word in
		*[*?[]*) [[ $name == $word ]] && return 0 ;;
		*)
			before='' after=''
			[[ $word == [0-9]* ]] && before='(^|[^0-9])'
			[[ $word == *[0-9] ]] && after='([^0-9]|$)'
			[[ $name =~ $before"$word"$after ]] && return 0
			;;
		esac
	done
	return 1
}
